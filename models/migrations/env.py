"""Alembic environment: runs on the engine handed in by models.db (no alembic.ini needed)."""
from alembic import context
from sqlalchemy import create_engine

from models import Base  # loads every entity module, registering every table
from models.search import include_name

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=True,
            compare_type=True,
            include_name=include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
        # Under SQLAlchemy 2 the connection's transaction must be committed explicitly.
        if connection.in_transaction():
            connection.commit()


run_migrations_online()
