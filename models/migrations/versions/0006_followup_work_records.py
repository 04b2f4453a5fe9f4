"""The work around the decisions (DOMAIN §9): referrals, 告知/反馈, 函询 letters, talks, 处分执行, 回访;
初核's approved 工作方案, imported marks, persons' optional ID number and unconfirmed party membership.

Revision ID: 0006
Revises: 0005

Existing tables only gain columns (ALTER TABLE ADD COLUMN with server defaults: no rebuild, so the
search triggers on complaints stay and no referenced table is dropped and recreated).
"""
import sqlalchemy as sa
from alembic import op

import models.base


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('complainant_contacts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('contact_date', sa.Date(), nullable=False),
    sa.Column('method', sa.String(length=20), nullable=False),
    sa.Column('by_whom', sa.String(length=100), nullable=False),
    sa.Column('response', sa.String(length=30), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('acceptance_notice', 'feedback')", name=op.f('ck_complainant_contacts_kind')),
    sa.CheckConstraint("method IN ('in_person', 'phone', 'written')", name=op.f('ck_complainant_contacts_method')),
    sa.CheckConstraint("response IS NULL OR response IN ('satisfied', 'basically_satisfied', 'dissatisfied', 'unreachable')", name=op.f('ck_complainant_contacts_response')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_complainant_contacts_complaint_id_complaints'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_complainant_contacts'))
    )
    with op.batch_alter_table('complainant_contacts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_complainant_contacts_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_complainant_contacts_contact_date'), ['contact_date'], unique=False)

    op.create_table('referrals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('complaint_id', sa.Integer(), nullable=False),
    sa.Column('to_body', sa.String(length=100), nullable=False),
    sa.Column('sent_date', sa.Date(), nullable=False),
    sa.Column('document_number', sa.String(length=80), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('reminders', sa.Text(), nullable=False),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('reply_result', sa.Text(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint('reply_date IS NULL OR reply_date >= sent_date', name=op.f('ck_referrals_reply_after_sending')),
    sa.ForeignKeyConstraint(['complaint_id'], ['complaints.id'], name=op.f('fk_referrals_complaint_id_complaints'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_referrals_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_referrals'))
    )
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referrals_complaint_id'), ['complaint_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_due_date'), ['due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_referrals_sent_date'), ['sent_date'], unique=False)

    op.create_table('inquiry_letters',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=False),
    sa.Column('round', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=40), nullable=False),
    sa.Column('sent_date', sa.Date(), nullable=False),
    sa.Column('reply_due', sa.Date(), nullable=False),
    sa.Column('reply_date', sa.Date(), nullable=True),
    sa.Column('reply_attachment_id', sa.Integer(), nullable=True),
    sa.Column('assessment', sa.String(length=30), nullable=True),
    sa.Column('assessment_date', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=30), nullable=True),
    sa.Column('closing_letter_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint("assessment IS NULL OR assessment IN ('truthful', 'untruthful', 'new_leads')", name=op.f('ck_inquiry_letters_assessment')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('accepted_closed', 'to_verification', 'inquire_again')", name=op.f('ck_inquiry_letters_outcome')),
    sa.CheckConstraint('reply_date IS NULL OR reply_date >= sent_date', name=op.f('ck_inquiry_letters_reply_after_sending')),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_inquiry_letters_lead_id_leads'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reply_attachment_id'], ['attachments.id'], name=op.f('fk_inquiry_letters_reply_attachment_id_attachments'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inquiry_letters'))
    )
    with op.batch_alter_table('inquiry_letters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inquiry_letters_lead_id'), ['lead_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_letters_reply_due'), ['reply_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_inquiry_letters_sent_date'), ['sent_date'], unique=False)

    op.create_table('talk_records',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('talk_date', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=False),
    sa.Column('interviewers', sa.String(length=200), nullable=False),
    sa.Column('person_name', sa.String(length=40), nullable=False),
    sa.Column('person_unit', sa.String(length=100), nullable=False),
    sa.Column('person_post', sa.String(length=100), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('record_attachment_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('reminder_talk', 'integrity_talk', 'admonishment', 'inquiry_talk')", name=op.f('ck_talk_records_kind')),
    # Dialect note: CAST(… IS NOT NULL AS INTEGER), since PostgreSQL does not add booleans; on SQLite
    # the same 0/1 sum as the original (x IS NOT NULL) + … (databases made before keep that text).
    sa.CheckConstraint('CAST(lead_id IS NOT NULL AS INTEGER) + CAST(case_id IS NOT NULL AS INTEGER) <= 1', name=op.f('ck_talk_records_at_most_one_owner')),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_talk_records_case_id_cases'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['lead_id'], ['leads.id'], name=op.f('fk_talk_records_lead_id_leads'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['persons.id'], name=op.f('fk_talk_records_person_id_persons'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['record_attachment_id'], ['attachments.id'], name=op.f('fk_talk_records_record_attachment_id_attachments'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_talk_records'))
    )
    with op.batch_alter_table('talk_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_talk_records_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talk_records_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_talk_records_lead_id'), ['lead_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talk_records_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_talk_records_talk_date'), ['talk_date'], unique=False)

    op.create_table('execution_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('item', sa.String(length=20), nullable=False),
    sa.Column('done_date', sa.Date(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint("item IN ('post', 'pay', 'other')", name=op.f('ck_execution_steps_item')),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_execution_steps_measure_id_measures'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_execution_steps'))
    )
    with op.batch_alter_table('execution_steps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_execution_steps_measure_id'), ['measure_id'], unique=False)

    op.create_table('follow_up_visits',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('form', sa.String(length=20), nullable=False),
    sa.Column('by_whom', sa.String(length=100), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', models.base.UTCDateTime(), nullable=False),
    sa.CheckConstraint("form IN ('home_visit', 'talk', 'phone', 'other')", name=op.f('ck_follow_up_visits_form')),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_follow_up_visits_measure_id_measures'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_follow_up_visits'))
    )
    with op.batch_alter_table('follow_up_visits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_follow_up_visits_measure_id'), ['measure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_follow_up_visits_visit_date'), ['visit_date'], unique=False)

    op.create_table('sanction_executions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('announced_date', sa.Date(), nullable=True),
    sa.Column('delivered_date', sa.Date(), nullable=True),
    sa.Column('filed_date', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('updated_at', models.base.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['measures.id'], name=op.f('fk_sanction_executions_measure_id_measures'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sanction_executions')),
    sa.UniqueConstraint('measure_id', name=op.f('uq_sanction_executions_measure_id'))
    )
    with op.batch_alter_table('sanction_executions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sanction_executions_announced_date'), ['announced_date'], unique=False)

    # Plain ALTER TABLE ADD COLUMN (not batch mode, which would rebuild the tables).
    op.add_column("cases", sa.Column("filing_approver_id", sa.Integer(), nullable=True))
    op.add_column("cases", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("complaints", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("leads", sa.Column("work_plan", sa.Text(), nullable=False, server_default=""))
    op.add_column("leads", sa.Column("work_plan_attachment_id", sa.Integer(), nullable=True))
    op.add_column("leads", sa.Column("work_plan_approver_id", sa.Integer(), nullable=True))
    op.add_column("leads", sa.Column("work_plan_approved_date", sa.Date(), nullable=True))
    op.add_column("leads", sa.Column("imported", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("persons", sa.Column("party_membership_known", sa.Boolean(), nullable=False,
                                       server_default=sa.true()))
    op.add_column("persons", sa.Column("id_number_enc", sa.LargeBinary(), nullable=True))
    op.add_column("persons", sa.Column("id_number_index", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_persons_id_number_index"), "persons", ["id_number_index"], unique=False)
    # measures recorded before 处分执行 was kept: their 宣布 is owed only while their case is open
    op.add_column("measures", sa.Column("execution_tracked", sa.Boolean(), nullable=False, server_default=sa.false()))


def downgrade() -> None:
    # SQLite ≥ 3.35 drops a column in place (no rebuild)
    op.drop_index(op.f("ix_persons_id_number_index"), table_name="persons")
    for table, column in (("measures", "execution_tracked"), ("persons", "id_number_index"), ("persons", "id_number_enc"),
                          ("persons", "party_membership_known"), ("leads", "imported"),
                          ("leads", "work_plan_approved_date"), ("leads", "work_plan_approver_id"),
                          ("leads", "work_plan_attachment_id"), ("leads", "work_plan"), ("complaints", "imported"),
                          ("cases", "imported"), ("cases", "filing_approver_id")):
        op.drop_column(table, column)
    with op.batch_alter_table('sanction_executions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sanction_executions_announced_date'))

    op.drop_table('sanction_executions')
    with op.batch_alter_table('follow_up_visits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_follow_up_visits_visit_date'))
        batch_op.drop_index(batch_op.f('ix_follow_up_visits_measure_id'))

    op.drop_table('follow_up_visits')
    with op.batch_alter_table('execution_steps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_execution_steps_measure_id'))

    op.drop_table('execution_steps')
    with op.batch_alter_table('talk_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_talk_records_talk_date'))
        batch_op.drop_index(batch_op.f('ix_talk_records_person_id'))
        batch_op.drop_index(batch_op.f('ix_talk_records_lead_id'))
        batch_op.drop_index(batch_op.f('ix_talk_records_kind'))
        batch_op.drop_index(batch_op.f('ix_talk_records_case_id'))

    op.drop_table('talk_records')
    with op.batch_alter_table('inquiry_letters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inquiry_letters_sent_date'))
        batch_op.drop_index(batch_op.f('ix_inquiry_letters_reply_due'))
        batch_op.drop_index(batch_op.f('ix_inquiry_letters_lead_id'))

    op.drop_table('inquiry_letters')
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_sent_date'))
        batch_op.drop_index(batch_op.f('ix_referrals_due_date'))
        batch_op.drop_index(batch_op.f('ix_referrals_complaint_id'))

    op.drop_table('referrals')
    with op.batch_alter_table('complainant_contacts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_complainant_contacts_contact_date'))
        batch_op.drop_index(batch_op.f('ix_complainant_contacts_complaint_id'))

    op.drop_table('complainant_contacts')
