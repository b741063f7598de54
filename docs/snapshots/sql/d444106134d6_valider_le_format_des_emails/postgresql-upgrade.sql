ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_email_format;

ALTER TABLE core_user ADD CONSTRAINT ck_core_user_email_format CHECK (email LIKE '%%@%%') NOT VALID;

ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_email_format;

UPDATE alembic_version SET version_num='d444106134d6' WHERE alembic_version.version_num = '60c81540fde5';
