"""The vocabularies load without the ORM; the entities load all together on first use."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_importing_the_vocabularies_loads_no_sqlalchemy():
    done = _run("import models.enums, sys; assert 'sqlalchemy' not in sys.modules")
    assert done.returncode == 0, done.stderr


def test_from_models_enums_import_works_without_the_orm():
    done = _run("from models.enums import Channel, ComplaintKind, LeadState; import sys; "
                "assert 'sqlalchemy' not in sys.modules and 'models.intake' not in sys.modules; "
                "print(Channel.letter.label, ComplaintKind.from_text('申诉').value, LeadState.pending.label)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["来信", "appeal", "未处置"]


def test_one_entity_name_registers_every_table():
    """``from models import Base`` alone (as the Alembic environment does) gives the full metadata."""
    import models
    from models import Base
    for module in ("base", "casework", "checkpoints", "intake", "ledger", "organization", "records"):
        __import__(f"models.{module}")
    every_table = sorted(Base.metadata.tables)

    done = _run("from models import Base; print(' '.join(sorted(Base.metadata.tables)))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == every_table
    assert "complaints" in every_table and "ledger_leaders" in every_table
    assert models.Complaint.__tablename__ == "complaints"
