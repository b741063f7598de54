# La base est à jour, puis alembic_version cite une révision d'une autre branche git
alembic upgrade head
python -c "
import sqlite3
db = sqlite3.connect('hyperion.db')
db.execute(\"UPDATE alembic_version SET version_num = 'a7c3e9f1b2d4'\")
db.commit()
"
