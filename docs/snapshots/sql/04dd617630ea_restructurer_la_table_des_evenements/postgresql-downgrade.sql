CREATE TABLE core_event_old (
	id VARCHAR NOT NULL, 
	event_title VARCHAR(200) NOT NULL, 
	event_description TEXT, 
	scheduled_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO core_event_old (id, event_title, event_description, scheduled_date, status, created_date) SELECT id, title, description, event_date, status, created_date FROM core_event;

DROP TABLE core_event;

ALTER TABLE core_event_old RENAME TO core_event;

UPDATE alembic_version SET version_num='f306beed3e3e' WHERE alembic_version.version_num = '04dd617630ea';
