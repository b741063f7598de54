ALTER TABLE core_user DROP CONSTRAINT fk_core_user_school_id;

UPDATE alembic_version SET version_num='ec8b5eac2908' WHERE alembic_version.version_num = '2b2092d18b12';
