SELECT COUNT(*) FROM core_user;

UPDATE core_user SET email = lower(email) WHERE email != lower(email);

SELECT COUNT(*) FROM core_user WHERE email IS NOT NULL;

UPDATE alembic_version SET version_num='60c81540fde5' WHERE alembic_version.version_num = '1d89d5027e57';
