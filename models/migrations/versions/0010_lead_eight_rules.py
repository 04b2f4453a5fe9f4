"""A lead's 违反中央八项规定精神 flag and sub-type (issue 14: classifications carry forward from the
complaint into the lead and on into the case).

Revision ID: 0010
Revises: 0009

ALTER TABLE ADD COLUMN only: no table is rebuilt on SQLite (leads is referenced by cases, persons,
measures and the search triggers stay). SQLite takes the sub-type's CHECK within the ADD COLUMN (a
named column constraint, same name as the models' ``ck_leads_eight_rules_type``); PostgreSQL adds it
as a table constraint. Existing leads are not flagged (false, no sub-type).
"""
import sqlalchemy as sa
from alembic import op


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

_CHECK_NAME = "ck_leads_eight_rules_type"
#: EightRulesType's codes as of this revision (as complaints' and cases' CHECK in 0001)
_CODES = ('formalism', 'gifts', 'dining', 'allowances', 'weddings_funerals', 'official_cars', 'travel', 'buildings',
          'other_hedonism')


def _check_sql() -> str:
    return "eight_rules_type IS NULL OR eight_rules_type IN (" + ", ".join(f"'{c}'" for c in _CODES) + ")"


def upgrade() -> None:
    op.add_column("leads", sa.Column("eight_rules", sa.Boolean(), nullable=False, server_default=sa.false()))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE leads ADD COLUMN eight_rules_type VARCHAR(30) "
                   f"CONSTRAINT {_CHECK_NAME} CHECK ({_check_sql()})")
    else:
        op.add_column("leads", sa.Column("eight_rules_type", sa.String(length=30), nullable=True))
        op.create_check_constraint(op.f(_CHECK_NAME), "leads", _check_sql())


def downgrade() -> None:
    # plain DROP COLUMN (SQLite ≥ 3.35 drops in place; as 0008's downgrade, no batch rebuild)
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(_CHECK_NAME), "leads", type_="check")
    op.drop_column("leads", "eight_rules_type")
    op.drop_column("leads", "eight_rules")
