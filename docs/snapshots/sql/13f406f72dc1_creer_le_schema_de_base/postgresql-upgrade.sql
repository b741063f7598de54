CREATE TYPE core_user_role AS ENUM ('admin', 'member');

CREATE TABLE core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role core_user_role NOT NULL, 
	created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE core_group (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE core_event (
	id VARCHAR NOT NULL, 
	event_title VARCHAR(200) NOT NULL, 
	event_description TEXT, 
	scheduled_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE core_association (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	group_id VARCHAR NOT NULL, 
	FOREIGN KEY(group_id) REFERENCES core_group (id), 
	PRIMARY KEY (id)
);

CREATE TYPE available_association_membership AS ENUM ('aeecl', 'useecl');

CREATE TABLE core_association_membership (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	membership available_association_membership NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('13f406f72dc1') RETURNING alembic_version.version_num;
