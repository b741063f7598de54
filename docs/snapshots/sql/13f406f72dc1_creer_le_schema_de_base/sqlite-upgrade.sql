CREATE TABLE core_user (
	id VARCHAR NOT NULL, 
	username VARCHAR(50) NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	role VARCHAR(6) NOT NULL, 
	created_at DATETIME NOT NULL, 
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
	scheduled_date DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

CREATE TABLE core_association (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	group_id VARCHAR NOT NULL, 
	FOREIGN KEY(group_id) REFERENCES core_group (id), 
	PRIMARY KEY (id)
);

CREATE TABLE core_association_membership (
	id VARCHAR NOT NULL, 
	name VARCHAR(100) NOT NULL, 
	membership VARCHAR(6) NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO alembic_version (version_num) VALUES ('13f406f72dc1') RETURNING version_num;
