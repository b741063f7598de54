CREATE TABLE _alembic_tmp_core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role VARCHAR(6) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_user (id, username, name, role, created_at) SELECT core_user.id, core_user.username, core_user.name, core_user.role, core_user.created_at 
FROM core_user;

DROP TABLE core_user;

ALTER TABLE _alembic_tmp_core_user RENAME TO core_user;

UPDATE alembic_version SET version_num='13f406f72dc1' WHERE alembic_version.version_num = 'f306beed3e3e';
