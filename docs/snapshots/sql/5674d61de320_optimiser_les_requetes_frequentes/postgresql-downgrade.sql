DROP INDEX idx_core_user_active;

DROP INDEX idx_core_event_date_status;

DROP INDEX idx_core_user_username;

UPDATE alembic_version SET version_num='8c5d6006b21d' WHERE alembic_version.version_num = '5674d61de320';
