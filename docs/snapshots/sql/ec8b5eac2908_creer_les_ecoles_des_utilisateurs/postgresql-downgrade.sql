ALTER TABLE core_user DROP COLUMN school_id;

DROP TABLE core_school;

UPDATE alembic_version SET version_num='c5b7bf66f650' WHERE alembic_version.version_num = 'ec8b5eac2908';
