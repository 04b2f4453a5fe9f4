"""Full-text search over complaints: FTS5 trigram index with its sync triggers on SQLite; on PostgreSQL
(the dialect-specific part, in models.search) pg_trgm GIN trigram indexes on the searched columns.

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
