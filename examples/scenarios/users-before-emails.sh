# L'historique du projet d'exemple, sans les révisions des sections précédentes ; la base juste avant la
# normalisation des emails, avec deux utilisateurs
rm -f versions/feature_a_*.py versions/feature_b_*.py versions/*_fusionner_branches_*.py
alembic downgrade 1d89d5027e57
python -c "
import sqlite3
db = sqlite3.connect('hyperion.db')
db.executemany(
    \"INSERT INTO core_user (id, username, name, full_name, role, created_at, email)\"
    \" VALUES (?, ?, ?, ?, 'member', '2024-01-01', ?)\",
    [('u1', 'alice', 'Alice', 'Alice Martin', 'Alice.Martin@Example.com'),
     ('u2', 'bob', 'Bob', 'Bob Durand', 'bob@example.com')],
)
db.commit()
"
