ALTER TYPE core_user_role ADD VALUE IF NOT EXISTS 'moderator';

ALTER TYPE core_user_role ADD VALUE IF NOT EXISTS 'contributor';

UPDATE alembic_version SET version_num='ba0022e5a923' WHERE alembic_version.version_num = '9de44df5f488';
