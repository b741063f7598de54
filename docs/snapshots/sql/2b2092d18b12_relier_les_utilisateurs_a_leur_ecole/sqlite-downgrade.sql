CREATE TABLE _alembic_tmp_core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role VARCHAR(11) NOT NULL, 
	created_at DATETIME NOT NULL, 
	is_active BOOLEAN DEFAULT 1, 
	email VARCHAR(255) NOT NULL, 
	email_notifications BOOLEAN DEFAULT 1 NOT NULL, 
	last_login DATETIME DEFAULT (CURRENT_TIMESTAMP), 
	uuid VARCHAR DEFAULT (lower(hex(randomblob(16)))) NOT NULL, 
	full_name VARCHAR(100) NOT NULL, 
	processed BOOLEAN, 
	school_id VARCHAR, 
	CONSTRAINT ck_core_user_email_format CHECK (email LIKE '%@%'), 
	CONSTRAINT uq_core_user_email UNIQUE (email), 
	CONSTRAINT uq_core_user_username UNIQUE (username), 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_user (id, username, name, role, created_at, is_active, email, email_notifications, last_login, uuid, full_name, processed, school_id) SELECT core_user.id, core_user.username, core_user.name, core_user.role, core_user.created_at, core_user.is_active, core_user.email, core_user.email_notifications, core_user.last_login, core_user.uuid, core_user.full_name, core_user.processed, core_user.school_id 
FROM core_user;

DROP TABLE core_user;

ALTER TABLE _alembic_tmp_core_user RENAME TO core_user;

CREATE INDEX idx_core_user_active ON core_user (created_at) WHERE is_active = 1;

CREATE INDEX idx_core_user_username ON core_user (username);

UPDATE alembic_version SET version_num='ec8b5eac2908' WHERE alembic_version.version_num = '2b2092d18b12';
