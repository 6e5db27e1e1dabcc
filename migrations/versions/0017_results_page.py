"""a results page for participants: published until a date, its parts and a summary

Revision ID: 0017_results_page
Revises: 0016_stakeholder_types
Create Date: 2026-12-05 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017_results_page'
down_revision = '0016_stakeholder_types'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('results_until', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('results_parts', sa.Text(), server_default='', nullable=False))
        batch_op.add_column(sa.Column('results_summary', sa.Text(), server_default='', nullable=False))


def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('results_summary')
        batch_op.drop_column('results_parts')
        batch_op.drop_column('results_until')
