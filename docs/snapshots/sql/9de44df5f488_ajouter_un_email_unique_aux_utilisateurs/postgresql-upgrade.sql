ALTER TABLE core_user ADD COLUMN email VARCHAR(255);

UPDATE core_user
SET email = username || '@example.com'
WHERE email IS NULL;

ALTER TABLE core_user ALTER COLUMN email SET NOT NULL;

ALTER TABLE core_user ADD CONSTRAINT uq_core_user_email UNIQUE (email);

UPDATE alembic_version SET version_num='9de44df5f488' WHERE alembic_version.version_num = 'ae1027a6acf';
