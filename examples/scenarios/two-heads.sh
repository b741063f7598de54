# La base est à jour ; deux branches de code ont chacune ajouté une révision à partir de la même tête
alembic upgrade head
alembic revision -m "Fonctionnalité A" --rev-id feature_a
alembic revision -m "Fonctionnalité B" --rev-id feature_b --head -1 --splice
