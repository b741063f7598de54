# Les deux révisions des branches et leur fusion retirées, la base recréée à jour : une seule tête
rm -f versions/feature_a_*.py versions/feature_b_*.py versions/*_fusionner_branches_*.py hyperion.db
alembic upgrade head
