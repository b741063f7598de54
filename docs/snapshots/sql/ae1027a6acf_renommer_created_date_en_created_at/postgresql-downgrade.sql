ALTER TABLE core_event RENAME created_at TO created_date;

UPDATE alembic_version SET version_num='04dd617630ea' WHERE alembic_version.version_num = 'ae1027a6acf';
