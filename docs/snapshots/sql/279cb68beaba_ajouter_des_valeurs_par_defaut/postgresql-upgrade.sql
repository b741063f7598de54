ALTER TABLE core_user ADD COLUMN email_notifications BOOLEAN DEFAULT true NOT NULL;

ALTER TABLE core_user ADD COLUMN last_login TIMESTAMP WITHOUT TIME ZONE;

ALTER TABLE core_user ADD COLUMN uuid VARCHAR DEFAULT gen_random_uuid() NOT NULL;

ALTER TABLE core_user ALTER COLUMN last_login SET DEFAULT now();

UPDATE alembic_version SET version_num='279cb68beaba' WHERE alembic_version.version_num = '5674d61de320';
