OLD_ROLES = ("admin", "member")
NEW_ROLES = ("admin", "member", "moderator", "contributor")


def upgrade() -> None:
    # PostgreSQL : les valeurs appartiennent au type core_user_role, pas à la colonne
    for value in NEW_ROLES[len(OLD_ROLES) :]:
        op.execute(f"ALTER TYPE core_user_role ADD VALUE IF NOT EXISTS '{value}'")


def downgrade() -> None:
    # Attention : les lignes qui utilisent une des nouvelles valeurs doivent d'abord changer
    # (comparées comme texte : PostgreSQL refuse une nouvelle valeur d'enum dans la transaction qui l'a ajoutée)
    op.execute("UPDATE core_user SET role = 'member' WHERE CAST(role AS TEXT) IN ('moderator', 'contributor')")

    # PostgreSQL ne sait pas retirer une valeur d'un type : recréer le type
    op.execute("ALTER TYPE core_user_role RENAME TO core_user_role_old")
    sa.Enum(*OLD_ROLES, name="core_user_role").create(op.get_bind())
    op.execute("ALTER TABLE core_user ALTER COLUMN role TYPE core_user_role USING role::text::core_user_role")
    op.execute("DROP TYPE core_user_role_old")
