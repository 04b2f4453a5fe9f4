"""Full-text search over complaints: FTS5 trigram index with its sync triggers (SQLite only).

Revision ID: 0003
Revises: 0002
"""
from alembic import op

from models.search import create_search_index, drop_search_index

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_search_index(op.get_bind())


def downgrade() -> None:
    drop_search_index(op.get_bind())
