SELECT max(id) FROM (SELECT id FROM core_user WHERE id > ? ORDER BY id LIMIT ?) AS batch;

UPDATE core_user SET full_name = name WHERE id > ? AND id <= ? AND full_name IS NULL;

SELECT max(id) FROM (SELECT id FROM core_user WHERE id > ? ORDER BY id LIMIT ?) AS batch;

UPDATE alembic_version SET version_num='f68b48b3a6d9' WHERE alembic_version.version_num = '02e543633361';
