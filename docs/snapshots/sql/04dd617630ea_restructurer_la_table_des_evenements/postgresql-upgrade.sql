ALTER TABLE core_event RENAME event_title TO title;

ALTER TABLE core_event RENAME event_description TO description;

ALTER TABLE core_event RENAME scheduled_date TO event_date;

UPDATE alembic_version SET version_num='04dd617630ea' WHERE alembic_version.version_num = 'f306beed3e3e';
