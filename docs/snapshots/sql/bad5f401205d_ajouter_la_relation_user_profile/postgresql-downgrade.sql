DROP TABLE core_user_profile;

UPDATE alembic_version SET version_num='4f649f7df079' WHERE alembic_version.version_num = 'bad5f401205d';
