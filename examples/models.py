"""Des modèles comme ceux d'Hyperion : le schéma à la tête de ``versions/``.

``alembic check`` compare ces modèles à la base mise à jour : une révision qui oublie
un changement, ou un modèle qui oublie une révision, le fait échouer.
"""

import enum
from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    String,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql.functions import FunctionElement


class Base(DeclarativeBase):
    pass


class random_uuid(FunctionElement[str]):
    """Un identifiant aléatoire calculé par la base : la même valeur par défaut que la révision 279cb68beaba."""

    type = String()
    inherit_cache = True


@compiles(random_uuid, "postgresql")
def _random_uuid_postgresql(element: random_uuid, compiler: object, **kw: object) -> str:
    return "gen_random_uuid()"


@compiles(random_uuid, "sqlite")
def _random_uuid_sqlite(element: random_uuid, compiler: object, **kw: object) -> str:
    return "(lower(hex(randomblob(16))))"


class CoreUserRole(enum.StrEnum):
    admin = "admin"
    member = "member"
    moderator = "moderator"
    contributor = "contributor"


class DocumentType(enum.Enum):
    idCard = "idCard"
    studentCard = "studentCard"
    medicalCertificate = "medicalCertificate"


class AvailableAssociationMembership(enum.StrEnum):
    aeecl = "aeecl"
    useecl = "useecl"


class CoreUser(Base):
    __tablename__ = "core_user"
    __table_args__ = (
        UniqueConstraint("email", name="uq_core_user_email"),
        UniqueConstraint("username", name="uq_core_user_username"),
        CheckConstraint("email LIKE '%@%'", name="ck_core_user_email_format"),
        Index("idx_core_user_username", "username"),
        Index(
            "idx_core_user_active",
            "created_at",
            postgresql_where=text("is_active = true"),
            sqlite_where=text("is_active = 1"),
        ),
    )

    id: Mapped[str] = mapped_column(String, primary_key=True)
    username: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(50))
    full_name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))
    role: Mapped[CoreUserRole] = mapped_column(Enum(CoreUserRole, name="core_user_role"))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    is_active: Mapped[bool | None] = mapped_column(Boolean, server_default=true())
    email_notifications: Mapped[bool] = mapped_column(Boolean, server_default=true())
    last_login: Mapped[datetime | None] = mapped_column(DateTime, server_default=func.now())
    uuid: Mapped[str] = mapped_column(String, server_default=random_uuid())
    processed: Mapped[bool | None] = mapped_column(Boolean)
    school_id: Mapped[str | None] = mapped_column(String, ForeignKey("core_school.id", name="fk_core_user_school_id"))


class CoreSchool(Base):
    __tablename__ = "core_school"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class CoreGroup(Base):
    __tablename__ = "core_group"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(255))


class CoreMembership(Base):
    """Table d'association de la relation plusieurs-à-plusieurs entre utilisateurs et groupes."""

    __tablename__ = "core_membership"

    user_id: Mapped[str] = mapped_column(
        String, ForeignKey("core_user.id", name="fk_core_membership_user_id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[str] = mapped_column(
        String, ForeignKey("core_group.id", name="fk_core_membership_group_id", ondelete="CASCADE"), primary_key=True
    )
    joined_at: Mapped[datetime | None] = mapped_column(DateTime, server_default=func.now())
    role: Mapped[str | None] = mapped_column(String(50), server_default="member")


class CoreUserProfile(Base):
    __tablename__ = "core_user_profile"
    __table_args__ = (UniqueConstraint("user_id", name="uq_core_user_profile_user_id"),)

    id: Mapped[str] = mapped_column(String, primary_key=True)
    user_id: Mapped[str] = mapped_column(
        String, ForeignKey("core_user.id", name="fk_core_user_profile_user_id", ondelete="CASCADE")
    )
    bio: Mapped[str | None] = mapped_column(Text)
    avatar_url: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime | None] = mapped_column(DateTime, server_default=func.now())


class CoreEvent(Base):
    __tablename__ = "core_event"
    __table_args__ = (
        Index("idx_core_event_date_status", "event_date", "status"),
        Index("idx_core_event_created_at", "created_at"),
    )

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    event_date: Mapped[datetime] = mapped_column(DateTime)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class CoreAssociation(Base):
    __tablename__ = "core_association"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    group_id: Mapped[str] = mapped_column(String, ForeignKey("core_group.id"))
    membership_type: Mapped[AvailableAssociationMembership | None] = mapped_column(
        Enum(AvailableAssociationMembership, name="available_association_membership")
    )


class CoreAssociationMembership(Base):
    """Offres d'adhésion des associations ; elle introduit le type enum PostgreSQL."""

    __tablename__ = "core_association_membership"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    membership: Mapped[AvailableAssociationMembership] = mapped_column(
        Enum(AvailableAssociationMembership, name="available_association_membership")
    )


class CoreDocument(Base):
    """Documents des membres ; le type PostgreSQL prend le nom par défaut, documenttype."""

    __tablename__ = "core_document"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    user_id: Mapped[str] = mapped_column(String, ForeignKey("core_user.id", ondelete="CASCADE"))
    type: Mapped[DocumentType] = mapped_column(Enum(DocumentType))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime)
    validated: Mapped[bool] = mapped_column(Boolean, server_default=false())
