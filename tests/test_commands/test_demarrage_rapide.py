"""Commands of docs/demarrage-rapide.md: a new model, then revision, upgrade and current."""

from tests.commands import Sandbox, run_page

PAGE = "demarrage-rapide.md"

NEW_MODEL = """

class CoreAdvert(Base):
    __tablename__ = "core_advert"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    content: Mapped[str] = mapped_column(Text)
"""


def test_commands(sandbox: Sandbox, snapshot) -> None:
    # The state the page describes: a database at head, and a model that it does not have yet
    assert sandbox.run("alembic upgrade head").returncode == 0
    with (sandbox.project / "models.py").open("a", encoding="utf-8") as models:
        models.write(NEW_MODEL)
    run_page(PAGE, sandbox, snapshot)
