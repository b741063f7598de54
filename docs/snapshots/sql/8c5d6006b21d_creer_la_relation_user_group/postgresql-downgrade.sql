DROP TABLE core_membership;

UPDATE alembic_version SET version_num='bad5f401205d' WHERE alembic_version.version_num = '8c5d6006b21d';
