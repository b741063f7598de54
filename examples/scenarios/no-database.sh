# Pas de base du tout : --sql n'en a pas besoin
rm hyperion.db
