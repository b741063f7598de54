# La base est juste avant la normalisation des emails, avec deux utilisateurs
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
