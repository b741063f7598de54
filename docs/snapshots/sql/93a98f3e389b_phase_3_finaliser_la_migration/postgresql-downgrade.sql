ALTER TABLE core_user ALTER COLUMN full_name DROP NOT NULL;

UPDATE alembic_version SET version_num='f68b48b3a6d9' WHERE alembic_version.version_num = '93a98f3e389b';
