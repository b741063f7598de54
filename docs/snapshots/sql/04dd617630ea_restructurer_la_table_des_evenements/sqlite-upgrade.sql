CREATE TABLE _alembic_tmp_core_event (
	id VARCHAR NOT NULL, 
	title VARCHAR(200) NOT NULL, 
	description TEXT, 
	event_date DATETIME NOT NULL, 
	status VARCHAR(20) NOT NULL, 
	created_date DATETIME NOT NULL, 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_event (id, title, description, event_date, status, created_date) SELECT core_event.id, core_event.event_title, core_event.event_description, core_event.scheduled_date, core_event.status, core_event.created_date 
FROM core_event;

DROP TABLE core_event;

ALTER TABLE _alembic_tmp_core_event RENAME TO core_event;

UPDATE alembic_version SET version_num='04dd617630ea' WHERE alembic_version.version_num = 'f306beed3e3e';
