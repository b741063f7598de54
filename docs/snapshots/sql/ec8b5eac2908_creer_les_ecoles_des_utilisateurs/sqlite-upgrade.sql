CREATE TABLE core_school (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id)
);

ALTER TABLE core_user ADD COLUMN school_id VARCHAR;

UPDATE alembic_version SET version_num='ec8b5eac2908' WHERE alembic_version.version_num = 'c5b7bf66f650';
