ALTER TABLE core_user DROP CONSTRAINT ck_core_user_email_format;

UPDATE alembic_version SET version_num='60c81540fde5' WHERE alembic_version.version_num = 'd444106134d6';
