DROP TABLE core_document;

DROP TYPE documenttype;

UPDATE alembic_version SET version_num='06405da15a7a' WHERE alembic_version.version_num = '7b2e91c4d0a8';
