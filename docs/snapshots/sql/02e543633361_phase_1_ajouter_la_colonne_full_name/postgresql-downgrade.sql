ALTER TABLE core_user DROP COLUMN full_name;

UPDATE alembic_version SET version_num='c3da80b56567' WHERE alembic_version.version_num = '02e543633361';
