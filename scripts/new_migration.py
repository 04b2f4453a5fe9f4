"""Developer tool: autogenerate a migration against a database at the current head.

    python scripts/new_migration.py "message" [--rev-id 0002]
"""
import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from alembic import command  # noqa: E402

from models.db import alembic_config, make_engine, sqlite_url, upgrade_database  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("message")
    p.add_argument("--rev-id")
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as d:
        engine = make_engine(sqlite_url(Path(d) / "head.sqlite"))
        if list((Path(__file__).resolve().parents[1] / "models/migrations/versions").glob("*.py")) != []:
            upgrade_database(engine)
        command.revision(alembic_config(engine), message=a.message, autogenerate=True, rev_id=a.rev_id)


if __name__ == "__main__":
    main()
