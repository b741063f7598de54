ALTER TABLE core_group DROP COLUMN email;

UPDATE alembic_version SET version_num='279cb68beaba' WHERE alembic_version.version_num = 'c3da80b56567';
