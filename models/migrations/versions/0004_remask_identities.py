"""Re-mask complainants' identities by the rules of ``services.security.identity_masks``.

Revision ID: 0004
Revises: 0003

Revision 0003 and earlier kept an address of 6 characters or fewer whole (``红星村五组``), the first 6
characters of a longer one, a phone's last 4 digits and its extension, and an ID number's first 6
and last 4 digits, in the unencrypted ``complaints.complainant_masked`` column. This migration
recomputes that column WITHOUT the plaintext: the ciphertexts need a permitted user's key, which
no migration has. It can, because every old mask kept each character it showed at its place and
hid the others with ``*``, and each current rule shows only a prefix that the old mask showed:

- 姓名 ``张**`` → ``张**`` (first character), ``*`` → ``***``;
- 联系电话 ``138****5678`` → ``138****``, ``0571-****4321转88`` → ``0571-****`` (the extension and the
  last digits go; the old mask's ``*`` count as digits, so the length rule sees the real count);
  a short service number whose old mask hid its first digits (``****00``) → ``****``;
- 身份证号 ``110105********002X`` → ``11`` and 16 ``*``; an all-``*`` mask stays hidden;
- 单位或地址: a short address kept whole is masked as if new (it is the plaintext), a longer one's
  first 6 characters decide whether a province name begins it (``浙江省杭州市****`` → ``浙江****``),
  everything else → ``****``.

So the result equals the mask the current rules give the plaintext (tests/services/security/test_identity_masks.py
shows it over random values), and never shows a character the old mask did not. Text that is not a
JSON object, or a value that is not text, is blanked (``{}`` / ``""``: nothing shown, the
ciphertexts stay). Nothing needs recomputing at the next unlock.

Old values must not survive in the file: SQLite leaves the bytes of a rewritten row in the page's
free space unless ``secure_delete`` is on, so it is switched on for this connection before the
rewrite. The plain SQLite copies in the data dir made before this revision — local backups, the
copy ``upgrade_database`` took just before running it, databases set aside by a restore — hold
the old masks too, so ``services.storage.backup_remask`` re-masks them here, once, when the revision is
applied (whatever opened the database: the app, the CLI, a test).

The rules live in ``services.security.identity_masks`` (a pure module: no database, no Qt) and the copies'
handling in ``services.storage.backup_remask``; this revision imports them, as the one statement of each,
rather than keep copies that could drift. Should the rules change again, freeze the functions
this revision uses into this file first, and write a new revision for the change.

Downgrade keeps the new masks: the old ones cannot be recomputed, and revision 0003 reads the same keys.
"""
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_COMPLAINTS = sa.table("complaints", sa.column("id", sa.Integer), sa.column("complainant_masked", sa.Text))


def remask(bind) -> int:
    """Re-mask every complaint's ``complainant_masked``; returns how many rows changed."""
    from services.security.identity_masks import remask_rows

    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA secure_delete = ON")
    rows = bind.execute(sa.select(_COMPLAINTS.c.id, _COMPLAINTS.c.complainant_masked)).all()
    return remask_rows(rows, lambda row_id, new: bind.execute(
        _COMPLAINTS.update().where(_COMPLAINTS.c.id == row_id).values(complainant_masked=new)))


def upgrade() -> None:
    bind = op.get_bind()
    remask(bind)
    database = bind.engine.url.database if bind.dialect.name == "sqlite" else None
    if database and database != ":memory:":
        from services.storage.backup_remask import remask_local_copies

        remask_local_copies(Path(database).parent)  # the data dir: its backups and set-aside copies


def downgrade() -> None:
    pass
