# La base de développement est vide : aucune révision appliquée
alembic downgrade base
