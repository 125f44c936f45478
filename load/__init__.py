"""``make load``: the application under load, on PostgreSQL, with every write checked afterwards.

``run`` prepares a database of its own, starts gunicorn as production would
run it, drives it with locust (``locustfile``) and verifies in the database
every write the simulated people were told had succeeded (``verify``).
"""
