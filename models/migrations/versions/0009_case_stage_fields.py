"""The fields a case's stage change asks for (issue 14): ``cases.trial_opinion`` (审理意见, entered with
审结) and ``cases.no_sanction_reason`` (免予处分或不予处分的理由 of a 结案 without any measure).

Revision ID: 0009
Revises: 0008

Only ALTER TABLE ADD COLUMN, both nullable (no row digest changes: a digest leaves null values out);
no table is rebuilt on SQLite.
"""
import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

_COLUMNS = ("trial_opinion", "no_sanction_reason")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("cases", sa.Column(name, sa.Text(), nullable=True))


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35 drops in place), as 0008: batch mode would rebuild the table
    for name in reversed(_COLUMNS):
        op.drop_column("cases", name)
