DROP INDEX CONCURRENTLY IF EXISTS idx_core_event_created_at;

CREATE INDEX CONCURRENTLY idx_core_event_created_at ON core_event (created_at);

UPDATE alembic_version SET version_num='06405da15a7a' WHERE alembic_version.version_num = 'd444106134d6';
