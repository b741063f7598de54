ALTER TABLE core_user ADD COLUMN email VARCHAR(255);

UPDATE core_user
SET email = username || '@example.com'
WHERE email IS NULL;

CREATE TABLE _alembic_tmp_core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role VARCHAR(6) NOT NULL, 
	created_at DATETIME NOT NULL, 
	is_active BOOLEAN DEFAULT 1, 
	email VARCHAR(255) NOT NULL, 
	CONSTRAINT uq_core_user_email UNIQUE (email), 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_user (id, username, name, role, created_at, is_active, email) SELECT core_user.id, core_user.username, core_user.name, core_user.role, core_user.created_at, core_user.is_active, core_user.email 
FROM core_user;

DROP TABLE core_user;

ALTER TABLE _alembic_tmp_core_user RENAME TO core_user;

UPDATE alembic_version SET version_num='9de44df5f488' WHERE alembic_version.version_num = 'ae1027a6acf';
