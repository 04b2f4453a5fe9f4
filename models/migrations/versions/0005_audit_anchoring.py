"""Audit anchoring: signed checkpoints of the chain, row digests in events, county-side anchors.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from models.base import UTCDateTime
from models.ddl import create_audit_triggers, drop_audit_triggers

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_checkpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("org_code", sa.String(length=40), nullable=False),
        sa.Column("event_count", sa.Integer(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("prev_digest", sa.String(length=64), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=True),
        sa.Column("signer_cert_pem", sa.Text(), nullable=True),
        sa.CheckConstraint("event_count >= 0", name=op.f("ck_audit_checkpoints_count_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_checkpoints")),
    )
    op.create_index(op.f("ix_audit_checkpoints_trigger"), "audit_checkpoints", ["trigger"], unique=False)
    create_audit_triggers(("audit_checkpoints",))
    # ADD COLUMN (no table rebuild): the append-only triggers on audit_events stay as they are.
    op.add_column("audit_events", sa.Column("row_digests", sa.Text(), nullable=False, server_default=""))
    with op.batch_alter_table("received_packages") as batch:
        batch.add_column(sa.Column("audit_count", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("audit_head", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("received_packages") as batch:
        batch.drop_column("audit_head")
        batch.drop_column("audit_count")
    drop_audit_triggers(("audit_events",))
    with op.batch_alter_table("audit_events") as batch:
        batch.drop_column("row_digests")
    create_audit_triggers(("audit_events",))
    drop_audit_triggers(("audit_checkpoints",))
    op.drop_index(op.f("ix_audit_checkpoints_trigger"), table_name="audit_checkpoints")
    op.drop_table("audit_checkpoints")
