CREATE TABLE core_event_new (
	id VARCHAR NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	description TEXT, 
	event_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
	PRIMARY KEY (id)
);

SELECT * FROM core_event;

INSERT INTO core_event_new (id, title, description, event_date, status, created_date) VALUES (%(id)s, %(title)s, %(desc)s, %(date)s, %(status)s, %(created)s);

DROP TABLE core_event;

ALTER TABLE core_event_new RENAME TO core_event;

UPDATE alembic_version SET version_num='04dd617630ea' WHERE alembic_version.version_num = 'f306beed3e3e';
