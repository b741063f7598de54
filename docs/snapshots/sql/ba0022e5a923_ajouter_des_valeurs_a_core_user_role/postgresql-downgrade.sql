UPDATE core_user SET role = 'member' WHERE CAST(role AS TEXT) IN ('moderator', 'contributor');

ALTER TYPE core_user_role RENAME TO core_user_role_old;

CREATE TYPE core_user_role AS ENUM ('admin', 'member');

ALTER TABLE core_user ALTER COLUMN role TYPE core_user_role USING role::text::core_user_role;

DROP TYPE core_user_role_old;

UPDATE alembic_version SET version_num='9de44df5f488' WHERE alembic_version.version_num = 'ba0022e5a923';
