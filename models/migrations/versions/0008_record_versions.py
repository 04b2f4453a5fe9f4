"""Optimistic versions of the edited records (issue 13, several writers): ``version``, ``updated_by_id``
and, where missing, ``updated_at`` (models.versioning).

Revision ID: 0008
Revises: 0007

Only ALTER TABLE ADD COLUMN (server default 1 for the version, the others empty): no table is
rebuilt on SQLite, so the search triggers and the foreign keys to these tables stay as they are.
``updated_by_id`` is a user id without a FOREIGN KEY for that reason (as cases.filing_approver_id).
"""
import sqlalchemy as sa
from alembic import op

import models.base


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

#: table → whether it already had updated_at
_TABLES = {
    "complaints": True, "leads": False, "cases": False, "persons": False, "measures": False,
    "ledger_entries": False, "ledger_leaders": False, "monthly_reports": True,
    "inquiry_letters": False, "sanction_executions": True, "referrals": False,
}


def upgrade() -> None:
    for table, has_updated_at in _TABLES.items():
        op.add_column(table, sa.Column("version", sa.Integer(), nullable=False, server_default=sa.text("1")))
        op.add_column(table, sa.Column("updated_by_id", sa.Integer(), nullable=True))
        if not has_updated_at:
            op.add_column(table, sa.Column("updated_at", models.base.UTCDateTime(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35 drops in place): batch mode would rebuild complaints under the
    # search view and triggers of 0003
    for table, has_updated_at in _TABLES.items():
        if not has_updated_at:
            op.drop_column(table, "updated_at")
        op.drop_column(table, "updated_by_id")
        op.drop_column(table, "version")
