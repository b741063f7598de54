UPDATE alembic_version SET version_num='02e543633361' WHERE alembic_version.version_num = 'f68b48b3a6d9';
