CREATE TABLE core_user_profile (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	bio TEXT, 
	avatar_url VARCHAR(500), 
	created_at DATETIME DEFAULT CURRENT_TIMESTAMP, 
	PRIMARY KEY (id)
);

CREATE TABLE _alembic_tmp_core_user_profile (
	id VARCHAR NOT NULL, 
	user_id VARCHAR NOT NULL, 
	bio TEXT, 
	avatar_url VARCHAR(500), 
	created_at DATETIME DEFAULT (CURRENT_TIMESTAMP), 
	CONSTRAINT fk_core_user_profile_user_id FOREIGN KEY(user_id) REFERENCES core_user (id) ON DELETE CASCADE, 
	CONSTRAINT uq_core_user_profile_user_id UNIQUE (user_id), 
	PRIMARY KEY (id)
);

INSERT INTO _alembic_tmp_core_user_profile (id, user_id, bio, avatar_url, created_at) SELECT core_user_profile.id, core_user_profile.user_id, core_user_profile.bio, core_user_profile.avatar_url, core_user_profile.created_at 
FROM core_user_profile;

DROP TABLE core_user_profile;

ALTER TABLE _alembic_tmp_core_user_profile RENAME TO core_user_profile;

UPDATE alembic_version SET version_num='bad5f401205d' WHERE alembic_version.version_num = '4f649f7df079';
