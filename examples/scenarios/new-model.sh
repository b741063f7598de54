# La base est à jour, et models.py a un nouveau modèle, CoreAdvert, que la base n'a pas encore
alembic upgrade head
cat >> models.py <<'PYTHON'


class CoreAdvert(Base):
    __tablename__ = "core_advert"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
PYTHON
