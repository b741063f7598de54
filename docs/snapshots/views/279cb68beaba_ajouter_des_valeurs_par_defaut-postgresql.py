def upgrade() -> None:
    uuid_default = sa.text("gen_random_uuid()")

    with op.batch_alter_table("core_user") as batch_op:
        # Booléen avec une valeur par défaut côté serveur
        batch_op.add_column(
            sa.Column(
                "email_notifications",
                sa.Boolean(),
                server_default=sa.sql.true(),  # s'écrit true ou 1 selon la base
                nullable=False,
            )
        )

        # Date de dernière connexion : sans valeur par défaut, les utilisateurs existants gardent NULL
        batch_op.add_column(sa.Column("last_login", sa.DateTime(), nullable=True))

        # UUID avec une valeur par défaut côté serveur, une expression par base
        batch_op.add_column(
            sa.Column(
                "uuid",
                sa.String(),
                server_default=uuid_default,
                nullable=False,
            )
        )

    # Puis la valeur par défaut, qui ne vaut que pour les nouvelles lignes
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.alter_column("last_login", existing_type=sa.DateTime(), server_default=sa.func.now())


def downgrade() -> None:
    with op.batch_alter_table("core_user") as batch_op:
        batch_op.drop_column("uuid")
        batch_op.drop_column("last_login")
        batch_op.drop_column("email_notifications")
