ALTER TABLE core_user DROP COLUMN is_active;

UPDATE alembic_version SET version_num='13f406f72dc1' WHERE alembic_version.version_num = 'f306beed3e3e';
