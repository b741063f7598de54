CREATE TABLE core_user_profile (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	bio TEXT, 
	avatar_url VARCHAR(500), 
	created_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), 
	PRIMARY KEY (id)
);

ALTER TABLE core_user_profile ADD CONSTRAINT fk_core_user_profile_user_id FOREIGN KEY(user_id) REFERENCES core_user (id) ON DELETE CASCADE;

ALTER TABLE core_user_profile ADD CONSTRAINT uq_core_user_profile_user_id UNIQUE (user_id);

UPDATE alembic_version SET version_num='bad5f401205d' WHERE alembic_version.version_num = '4f649f7df079';
