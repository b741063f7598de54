ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_full_name_not_null;

ALTER TABLE core_user ADD CONSTRAINT ck_core_user_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID;

ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_full_name_not_null;

ALTER TABLE core_user ALTER COLUMN full_name SET NOT NULL;

ALTER TABLE core_user DROP CONSTRAINT ck_core_user_full_name_not_null;

UPDATE alembic_version SET version_num='93a98f3e389b' WHERE alembic_version.version_num = 'f68b48b3a6d9';
