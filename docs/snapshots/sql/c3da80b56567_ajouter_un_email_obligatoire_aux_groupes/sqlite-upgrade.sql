ALTER TABLE core_group ADD COLUMN email VARCHAR(255);

UPDATE core_group SET email = lower(name) || '@temp.local' WHERE email IS NULL;

CREATE TABLE _alembic_tmp_core_group (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	email VARCHAR(255) NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_group (id, name, email) SELECT core_group.id, core_group.name, core_group.email 
FROM core_group;

DROP TABLE core_group;

ALTER TABLE _alembic_tmp_core_group RENAME TO core_group;

UPDATE alembic_version SET version_num='c3da80b56567' WHERE alembic_version.version_num = '279cb68beaba';
