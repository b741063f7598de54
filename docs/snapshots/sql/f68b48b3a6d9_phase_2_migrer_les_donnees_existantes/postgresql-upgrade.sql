SELECT max(id) FROM (SELECT id FROM core_user WHERE id > %(after)s ORDER BY id LIMIT %(size)s) AS batch;

UPDATE core_user SET full_name = name WHERE id > %(after)s AND id <= %(until)s AND full_name IS NULL;

SELECT max(id) FROM (SELECT id FROM core_user WHERE id > %(after)s ORDER BY id LIMIT %(size)s) AS batch;

UPDATE alembic_version SET version_num='f68b48b3a6d9' WHERE alembic_version.version_num = '02e543633361';
