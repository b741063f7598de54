ALTER TABLE core_user DROP COLUMN uuid;

ALTER TABLE core_user DROP COLUMN last_login;

ALTER TABLE core_user DROP COLUMN email_notifications;

UPDATE alembic_version SET version_num='5674d61de320' WHERE alembic_version.version_num = '279cb68beaba';
