ALTER TABLE core_event RENAME title TO event_title;

ALTER TABLE core_event RENAME description TO event_description;

ALTER TABLE core_event RENAME event_date TO scheduled_date;

UPDATE alembic_version SET version_num='f306beed3e3e' WHERE alembic_version.version_num = '04dd617630ea';
