CREATE TABLE core_membership (
	user_id VARCHAR NOT NULL, 
	group_id VARCHAR NOT NULL, 
	joined_at TIMESTAMP WITHOUT TIME ZONE DEFAULT now(), 
	role VARCHAR(50) DEFAULT 'member'
);

ALTER TABLE core_membership ADD CONSTRAINT pk_core_membership PRIMARY KEY (user_id, group_id);

ALTER TABLE core_membership ADD CONSTRAINT fk_core_membership_user_id FOREIGN KEY(user_id) REFERENCES core_user (id) ON DELETE CASCADE;

ALTER TABLE core_membership ADD CONSTRAINT fk_core_membership_group_id FOREIGN KEY(group_id) REFERENCES core_group (id) ON DELETE CASCADE;

UPDATE alembic_version SET version_num='8c5d6006b21d' WHERE alembic_version.version_num = 'bad5f401205d';
