ALTER TABLE core_user DROP CONSTRAINT IF EXISTS fk_core_user_school_id;

ALTER TABLE core_user ADD CONSTRAINT fk_core_user_school_id FOREIGN KEY(school_id) REFERENCES core_school (id) NOT VALID;

ALTER TABLE core_user VALIDATE CONSTRAINT fk_core_user_school_id;

UPDATE alembic_version SET version_num='2b2092d18b12' WHERE alembic_version.version_num = 'ec8b5eac2908';
