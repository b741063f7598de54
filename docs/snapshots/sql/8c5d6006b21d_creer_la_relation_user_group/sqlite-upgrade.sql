CREATE TABLE core_membership (
	user_id VARCHAR NOT NULL, 
	group_id VARCHAR NOT NULL, 
	joined_at DATETIME DEFAULT CURRENT_TIMESTAMP, 
	role VARCHAR(50) DEFAULT 'member'
);

CREATE TABLE _alembic_tmp_core_membership (
	user_id VARCHAR NOT NULL, 
	group_id VARCHAR NOT NULL, 
	joined_at DATETIME DEFAULT (CURRENT_TIMESTAMP), 
	role VARCHAR(50) DEFAULT 'member', 
	CONSTRAINT fk_core_membership_group_id FOREIGN KEY(group_id) REFERENCES core_group (id) ON DELETE CASCADE, 
	CONSTRAINT fk_core_membership_user_id FOREIGN KEY(user_id) REFERENCES core_user (id) ON DELETE CASCADE, 
	CONSTRAINT pk_core_membership PRIMARY KEY (user_id, group_id)
);

INSERT INTO _alembic_tmp_core_membership (user_id, group_id, joined_at, role) SELECT core_membership.user_id, core_membership.group_id, core_membership.joined_at, core_membership.role 
FROM core_membership;

DROP TABLE core_membership;

ALTER TABLE _alembic_tmp_core_membership RENAME TO core_membership;

UPDATE alembic_version SET version_num='8c5d6006b21d' WHERE alembic_version.version_num = 'bad5f401205d';
