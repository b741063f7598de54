ALTER TABLE core_user ADD COLUMN processed BOOLEAN;

UPDATE core_user
SET processed = true
WHERE id IN (
    SELECT id FROM core_user
    WHERE processed IS NULL
    LIMIT ?
);

UPDATE core_user
SET processed = true
WHERE id IN (
    SELECT id FROM core_user
    WHERE processed IS NULL
    LIMIT ?
);

UPDATE core_user
SET processed = true
WHERE id IN (
    SELECT id FROM core_user
    WHERE processed IS NULL
    LIMIT ?
);

UPDATE alembic_version SET version_num='1d89d5027e57' WHERE alembic_version.version_num = '93a98f3e389b';
