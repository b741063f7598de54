CREATE TABLE _alembic_tmp_core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role VARCHAR(11) NOT NULL, 
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

CREATE INDEX idx_core_user_active ON core_user (created_at) WHERE is_active = 1;

CREATE INDEX idx_core_user_username ON core_user (username);

UPDATE alembic_version SET version_num='5674d61de320' WHERE alembic_version.version_num = '279cb68beaba';
