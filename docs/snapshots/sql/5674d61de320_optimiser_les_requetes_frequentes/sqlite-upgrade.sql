CREATE INDEX idx_core_event_date_status ON core_event (event_date, status);

CREATE INDEX idx_core_user_active ON core_user (created_at) WHERE is_active = 1;

CREATE INDEX idx_core_user_username ON core_user (username);

UPDATE alembic_version SET version_num='5674d61de320' WHERE alembic_version.version_num = '8c5d6006b21d';
