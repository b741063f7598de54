ALTER TABLE core_user ADD COLUMN processed BOOLEAN;

SELECT max(rowid) FROM (SELECT rowid FROM core_user WHERE rowid > ? ORDER BY rowid LIMIT ?) AS batch;

UPDATE core_user SET processed = true WHERE rowid > ? AND rowid <= ? AND processed IS NULL;

SELECT max(rowid) FROM (SELECT rowid FROM core_user WHERE rowid > ? ORDER BY rowid LIMIT ?) AS batch;

UPDATE alembic_version SET version_num='1d89d5027e57' WHERE alembic_version.version_num = '93a98f3e389b';
