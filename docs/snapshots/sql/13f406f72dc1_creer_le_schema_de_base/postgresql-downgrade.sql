DROP TABLE core_association_membership;

DROP TABLE core_association;

DROP TABLE core_event;

DROP TABLE core_group;

DROP TABLE core_user;

DROP TYPE available_association_membership;

DROP TYPE core_user_role;

DELETE FROM alembic_version WHERE alembic_version.version_num = '13f406f72dc1';
