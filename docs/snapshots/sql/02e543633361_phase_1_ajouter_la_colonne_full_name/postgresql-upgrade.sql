ALTER TABLE core_user ADD COLUMN full_name VARCHAR(100);

UPDATE alembic_version SET version_num='02e543633361' WHERE alembic_version.version_num = 'c3da80b56567';
