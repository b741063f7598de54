# La base de développement est à jour
alembic upgrade head
