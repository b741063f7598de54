ALTER TABLE core_group ADD COLUMN email VARCHAR(255);

UPDATE core_group SET email = lower(name) || '@temp.local' WHERE email IS NULL;

ALTER TABLE core_group ALTER COLUMN email SET NOT NULL;

UPDATE alembic_version SET version_num='c3da80b56567' WHERE alembic_version.version_num = '279cb68beaba';
