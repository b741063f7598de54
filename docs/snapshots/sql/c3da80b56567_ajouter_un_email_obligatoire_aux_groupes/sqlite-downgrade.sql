CREATE TABLE _alembic_tmp_core_group (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_group (id, name) SELECT core_group.id, core_group.name 
FROM core_group;

DROP TABLE core_group;

ALTER TABLE _alembic_tmp_core_group RENAME TO core_group;

UPDATE alembic_version SET version_num='279cb68beaba' WHERE alembic_version.version_num = 'c3da80b56567';
