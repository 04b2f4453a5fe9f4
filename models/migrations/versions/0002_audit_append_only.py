"""Make the audit log append-only at the database level.

Revision ID: 0002
Revises: 0001
"""
from models.ddl import create_audit_triggers, drop_audit_triggers

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_triggers()


def downgrade() -> None:
    drop_audit_triggers()
