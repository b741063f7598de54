# La base a du retard : seules les premières révisions sont appliquées
alembic upgrade ae1027a6acf
