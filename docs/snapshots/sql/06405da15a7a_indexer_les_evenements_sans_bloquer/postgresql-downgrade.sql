DROP INDEX CONCURRENTLY idx_core_event_created_at;

UPDATE alembic_version SET version_num='d444106134d6' WHERE alembic_version.version_num = '06405da15a7a';
