UPDATE core_user SET full_name = name WHERE full_name IS NULL;

UPDATE alembic_version SET version_num='f68b48b3a6d9' WHERE alembic_version.version_num = '02e543633361';
