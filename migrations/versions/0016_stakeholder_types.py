"""a workshop's list of stakeholder types, and the type a participant chose (anonymous)

Revision ID: 0016_stakeholder_types
Revises: 0015_curation
Create Date: 2026-12-05 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016_stakeholder_types'
down_revision = '0015_curation'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stakeholder_types', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('stakeholder_type', sa.String(length=60), nullable=True))


def downgrade():
    with op.batch_alter_table('participants', schema=None) as batch_op:
        batch_op.drop_column('stakeholder_type')
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('stakeholder_types')
