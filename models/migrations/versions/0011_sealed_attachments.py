"""Sealed attachments: a complaint's files are stored encrypted under the identity key, their names too.

Revision ID: 0011
Revises: 0010

ALTER TABLE ADD COLUMN only (no table rebuilt). Existing files cannot be sealed here: the migration does
not hold the key. They stay ``sealed = false`` until a user who holds it signs in
(services.storage.attachment_sealing.seal_existing).
"""
import sqlalchemy as sa
from alembic import op


revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("attachments", sa.Column("sealed", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("attachments", sa.Column("filename_enc", sa.LargeBinary(), nullable=True))


def downgrade() -> None:
    op.drop_column("attachments", "filename_enc")
    op.drop_column("attachments", "sealed")
