ALTER TABLE core_user ADD COLUMN is_active BOOLEAN DEFAULT true;

UPDATE core_user SET is_active = false WHERE created_at < %(date)s;

UPDATE alembic_version SET version_num='f306beed3e3e' WHERE alembic_version.version_num = '13f406f72dc1';
