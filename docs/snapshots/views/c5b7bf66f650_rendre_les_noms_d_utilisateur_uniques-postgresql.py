def upgrade() -> None:
    # Un ADD CONSTRAINT UNIQUE direct construirait l'index sous verrou ACCESS EXCLUSIVE.
    with op.get_context().autocommit_block():
        # 1. Une construction interrompue laisse un index invalide : le supprimer d'abord
        op.drop_index("uq_core_user_username", table_name="core_user", postgresql_concurrently=True, if_exists=True)
        # 2. Construire l'index unique sans bloquer les lectures ni les écritures
        op.create_index(
            "uq_core_user_username",
            "core_user",
            ["username"],
            unique=True,
            postgresql_concurrently=True,
        )
    # 3. La contrainte reprend l'index tout fait : le verrou ne dure qu'un instant
    op.execute("ALTER TABLE core_user ADD CONSTRAINT uq_core_user_username UNIQUE USING INDEX uq_core_user_username")


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_constraint("uq_core_user_username", type_="unique")
