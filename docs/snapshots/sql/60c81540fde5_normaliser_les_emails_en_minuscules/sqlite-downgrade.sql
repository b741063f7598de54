UPDATE alembic_version SET version_num='1d89d5027e57' WHERE alembic_version.version_num = '60c81540fde5';
