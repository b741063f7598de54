def upgrade() -> None:
    # 0. Une exécution qui a échoué a pu laisser la contrainte NOT VALID : repartir de zéro
    op.execute("ALTER TABLE core_user DROP CONSTRAINT IF EXISTS ck_core_user_email_format")
    # 1. NOT VALID : seules les nouvelles lignes sont vérifiées, l'ALTER est instantané
    op.create_check_constraint(
        "ck_core_user_email_format",
        "core_user",
        "email LIKE '%@%'",
        postgresql_not_valid=True,
    )
    # 2. VALIDATE dans sa propre transaction : il lit la table sans bloquer les écritures
    with op.get_context().autocommit_block():
        op.execute("ALTER TABLE core_user VALIDATE CONSTRAINT ck_core_user_email_format")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("ck_core_user_email_format", type_="check")
