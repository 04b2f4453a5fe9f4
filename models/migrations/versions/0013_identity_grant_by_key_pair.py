"""The identity key sealed to a user's key pair: the secretary grants it without the user's password.

Revision ID: 0013
Revises: 0012

ALTER TABLE ADD COLUMN only; existing grants (the key wrapped under the user's password) stay as they are.
"""
import sqlalchemy as sa
from alembic import op


revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("sealed_data_key", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "sealed_data_key")
