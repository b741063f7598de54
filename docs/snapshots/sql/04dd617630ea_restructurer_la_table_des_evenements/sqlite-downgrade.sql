CREATE TABLE _alembic_tmp_core_event (
	id VARCHAR NOT NULL, 
	event_title VARCHAR(200) NOT NULL, 
	event_description TEXT, 
	scheduled_date DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_event (id, event_title, event_description, scheduled_date, status, created_date) SELECT core_event.id, core_event.title, core_event.description, core_event.event_date, core_event.status, core_event.created_date 
FROM core_event;

DROP TABLE core_event;

ALTER TABLE _alembic_tmp_core_event RENAME TO core_event;

UPDATE alembic_version SET version_num='f306beed3e3e' WHERE alembic_version.version_num = '04dd617630ea';
