ALTER TABLE core_user ADD COLUMN processed BOOLEAN;

SELECT max(id) FROM (SELECT id FROM core_user WHERE id > ? ORDER BY id LIMIT ?) AS batch;

UPDATE core_user SET processed = true WHERE id > ? AND id <= ? AND processed IS NULL;

SELECT max(id) FROM (SELECT id FROM core_user WHERE id > ? ORDER BY id LIMIT ?) AS batch;

UPDATE alembic_version SET version_num='1d89d5027e57' WHERE alembic_version.version_num = '93a98f3e389b';
