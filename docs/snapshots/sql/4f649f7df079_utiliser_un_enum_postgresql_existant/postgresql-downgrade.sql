ALTER TABLE core_association DROP COLUMN membership_type;

UPDATE alembic_version SET version_num='ba0022e5a923' WHERE alembic_version.version_num = '4f649f7df079';
