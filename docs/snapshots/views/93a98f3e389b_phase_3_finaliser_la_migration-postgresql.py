def upgrade() -> None:
    # Un SET NOT NULL direct lirait toute la table sous verrou ACCESS EXCLUSIVE.
    # 0. Une exécution interrompue a pu laisser la contrainte : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_full_name_not_null")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ajout est instantané
    op.execute(
        "ALTER TABLE core_user ADD CONSTRAINT ck_core_user_full_name_not_null CHECK (full_name IS NOT NULL) NOT VALID"
    )
    with op.get_context().autocommit_block():
        # 2. Vérifier les lignes existantes sans bloquer les lectures ni les écritures
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_full_name_not_null")
    # 3. La contrainte validée dispense PostgreSQL de relire la table : le verrou ne dure qu'un instant
    op.alter_column("core_user", "full_name", existing_type=sa.String(100), nullable=False)
    op.execute("ALTER TABLE core_user DROP CONSTRAINT ck_core_user_full_name_not_null")
    # Plus tard, quand plus aucun code ne la lit : supprimer la colonne name, dans une révision à part


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("full_name", existing_type=sa.String(100), nullable=True)
