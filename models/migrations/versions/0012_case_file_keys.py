"""The case-file key: a key pair per user and the office's key sealed to it (leads' and cases' attachments).

Revision ID: 0012
Revises: 0011

ALTER TABLE ADD COLUMN only. The migration holds no password, so users get their pair at their next sign-in;
the first to sign in makes the office's key and every holder hands it on at sign-in
(services.security.case_file_keys).
"""
import sqlalchemy as sa
from alembic import op


revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None

_COLUMNS = ("public_key", "wrapped_private_key", "wrapped_file_key")


def upgrade() -> None:
    for name in _COLUMNS:
        op.add_column("users", sa.Column(name, sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    for name in reversed(_COLUMNS):
        op.drop_column("users", name)
