ALTER TABLE core_association ADD COLUMN membership_type available_association_membership;

UPDATE alembic_version SET version_num='4f649f7df079' WHERE alembic_version.version_num = 'ba0022e5a923';
