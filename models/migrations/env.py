"""Alembic environment for bcx.

`models.db.init_db` runs the migrations programmatically and hands over its own open connection in
`config.attributes["connection"]`, so no URL (and no password) passes through Alembic. From the command line
(`alembic upgrade head` with the repository's alembic.ini) the database is `-x db=URL`, else $BCX_DB, else the default
SQLite file, exactly as for `bcx`.
"""
from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import Connection

from models.db import database_url, make_engine
from models.schema import Base
from models.search import include_name

config = context.config
target_metadata = Base.metadata


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=True,  # SQLite alters tables by copying them; batch mode writes migrations that do that
        include_name=include_name,
        **kwargs,
    )


def _run(connection: Connection) -> None:
    _configure(connection=connection)
    with context.begin_transaction():  # a no-op inside init_db's transaction, which init_db commits
        context.run_migrations()


def _command_line_url() -> str:
    return context.get_x_argument(as_dictionary=True).get("db") or database_url()


if context.is_offline_mode():
    _configure(url=_command_line_url(), literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
elif (connection := config.attributes.get("connection")) is not None:
    _run(connection)
else:
    if config.config_file_name is not None:  # only the command line has an ini file with logging settings
        fileConfig(config.config_file_name, disable_existing_loggers=False)
    engine = make_engine(_command_line_url())
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()
