ALTER TABLE core_event RENAME created_date TO created_at;

UPDATE alembic_version SET version_num='ae1027a6acf' WHERE alembic_version.version_num = '04dd617630ea';
