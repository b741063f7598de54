ALTER TABLE core_user DROP CONSTRAINT uq_core_user_email;

ALTER TABLE core_user DROP COLUMN email;

UPDATE alembic_version SET version_num='ae1027a6acf' WHERE alembic_version.version_num = '9de44df5f488';
