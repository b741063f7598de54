DROP INDEX CONCURRENTLY IF EXISTS uq_core_user_username;

CREATE UNIQUE INDEX CONCURRENTLY uq_core_user_username ON core_user (username);

ALTER TABLE core_user ADD CONSTRAINT uq_core_user_username UNIQUE USING INDEX uq_core_user_username;

UPDATE alembic_version SET version_num='c5b7bf66f650' WHERE alembic_version.version_num = 'c5a0f3e8b217';
