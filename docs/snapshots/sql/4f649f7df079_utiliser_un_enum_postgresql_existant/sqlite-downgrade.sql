CREATE TABLE _alembic_tmp_core_association (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	group_id VARCHAR NOT NULL, 
	FOREIGN KEY(group_id) REFERENCES core_group (id), 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_association (id, name, group_id) SELECT core_association.id, core_association.name, core_association.group_id 
FROM core_association;

DROP TABLE core_association;

ALTER TABLE _alembic_tmp_core_association RENAME TO core_association;

UPDATE alembic_version SET version_num='ba0022e5a923' WHERE alembic_version.version_num = '4f649f7df079';
