def upgrade() -> None:
    # Une clé étrangère directe lirait toute la table en bloquant les écritures sur core_user et core_school.
    # 0. Une exécution interrompue a pu laisser la clé NOT VALID : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS fk_core_user_school_id")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ajout est instantané
    op.create_foreign_key(
        "fk_core_user_school_id",
        "core_user",
        "core_school",
        ["school_id"],
        ["id"],
        postgresql_not_valid=True,
    )
    with op.get_context().autocommit_block():
        # 2. Vérifier les lignes existantes sans bloquer les écritures
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT fk_core_user_school_id")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("fk_core_user_school_id", type_="foreignkey")
