ALTER TABLE core_user DROP COLUMN processed;

UPDATE alembic_version SET version_num='93a98f3e389b' WHERE alembic_version.version_num = '1d89d5027e57';
