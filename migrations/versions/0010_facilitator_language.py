"""a facilitator's interface language

Revision ID: 0010_facilitator_language
Revises: 0009_retention
Create Date: 2026-11-26 12:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_facilitator_language'
down_revision = '0009_retention'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))


def downgrade():
    with op.batch_alter_table('facilitators', schema=None) as batch_op:
        batch_op.drop_column('language')
