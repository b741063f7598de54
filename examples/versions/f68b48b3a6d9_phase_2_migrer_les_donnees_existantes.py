# --8<-- [start:revision]
"""Phase 2 : migrer les données existantes

Revision ID: f68b48b3a6d9
Revises: 02e543633361
Create Date: 2024-04-15 10:00:00.000000

"""

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from pytest_alembic import MigrationContext

# revision identifiers, used by Alembic.
revision: str = "f68b48b3a6d9"
down_revision: str | Sequence[str] | None = "02e543633361"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Les bases où upgrade valide lui-même une partie de son travail (autocommit_block), lu par les tests
COMMITS_MIDWAY_ON: tuple[str, ...] = ("postgresql", "sqlite")


BATCH_SIZE = 2_000

# Comme pour une grande table par lots : suivre la clé primaire, un lot validé à la fois
END_OF_BATCH = sa.text(
    "SELECT max(id) FROM (SELECT id FROM core_user WHERE id > :after ORDER BY id LIMIT :size) AS batch"
)
COPY_BATCH = sa.text("UPDATE core_user SET full_name = name WHERE id > :after AND id <= :until AND full_name IS NULL")


def upgrade() -> None:
    # Copier les lignes existantes : l'application écrit déjà les deux colonnes.
    # Un seul UPDATE verrouillerait chaque ligne jusqu'à la fin, et les écritures attendraient.
    connection = op.get_bind()
    after = ""
    with op.get_context().autocommit_block():
        while (until := connection.execute(END_OF_BATCH, {"after": after, "size": BATCH_SIZE}).scalar()) is not None:
            connection.execute(COPY_BATCH, {"after": after, "until": until})
            after = until


def downgrade() -> None:
    pass  # Rien à défaire : full_name peut être recopiée depuis name


# --8<-- [end:revision]


# --8<-- [start:check]
def pre_test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    alembic_runner.insert_into(
        "core_user",
        [
            {
                "id": "nora",
                "username": "nora",
                "name": "Nora Martin",
                "role": "admin",
                "created_at": datetime(2023, 5, 1, 10, 0),
                "email": "nora@example.com",
            },
            {
                "id": "robert",
                "username": "robert",
                "name": "Bob Durand",
                "full_name": "Robert Durand",  # déjà écrit par le nouveau code
                "role": "member",
                "created_at": datetime(2024, 3, 1, 10, 0),
                "email": "robert@example.com",
            },
        ],
    )


def test_upgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    full_names = (
        alembic_connection.execute(
            sa.text("SELECT full_name FROM core_user WHERE id IN ('nora', 'robert') ORDER BY id")
        )
        .scalars()
        .all()
    )
    assert full_names == ["Nora Martin", "Robert Durand"], full_names
    missing = alembic_connection.execute(sa.text("SELECT count(*) FROM core_user WHERE full_name IS NULL")).scalar()
    assert missing == 0, f"{missing} rows still have no full_name"


def test_downgrade(
    alembic_runner: "MigrationContext",
    alembic_connection: sa.Connection,
) -> None:
    """Le downgrade garde les valeurs copiées."""
    full_names = (
        alembic_connection.execute(
            sa.text("SELECT full_name FROM core_user WHERE id IN ('nora', 'robert') ORDER BY id")
        )
        .scalars()
        .all()
    )
    assert full_names == ["Nora Martin", "Robert Durand"], full_names


# --8<-- [end:check]
