DROP TABLE core_document;

CREATE TABLE core_document (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	type VARCHAR(18) NOT NULL, 
	uploaded_at DATETIME NOT NULL, 
	validated BOOLEAN DEFAULT 0 NOT NULL, 
	FOREIGN KEY(user_id) REFERENCES core_user (id) ON DELETE CASCADE, 
	PRIMARY KEY (id)
);

UPDATE alembic_version SET version_num='c5a0f3e8b217' WHERE alembic_version.version_num = '7b2e91c4d0a8';
