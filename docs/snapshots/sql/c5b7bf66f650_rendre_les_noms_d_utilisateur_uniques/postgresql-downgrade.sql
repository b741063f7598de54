ALTER TABLE core_user DROP CONSTRAINT uq_core_user_username;

UPDATE alembic_version SET version_num='c5a0f3e8b217' WHERE alembic_version.version_num = 'c5b7bf66f650';
