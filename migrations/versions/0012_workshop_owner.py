"""a workshop's owner, who manages its facilitators

Revision ID: 0012_workshop_owner
Revises: 0011_step_indexes
Create Date: 2026-12-02 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_workshop_owner'
down_revision = '0011_step_indexes'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('owner_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_workshops_owner_id_facilitators'), 'facilitators', ['owner_id'], ['id'],
            ondelete='SET NULL',
        )
    # A workshop made before owners: the facilitator who has run it longest (the lowest
    # account id among its facilitators, the creator where accounts came first).
    op.execute(
        "UPDATE workshops SET owner_id = (SELECT MIN(facilitator_id) FROM workshop_facilitators "
        "WHERE workshop_facilitators.workshop_id = workshops.id)"
    )


def downgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_workshops_owner_id_facilitators'), type_='foreignkey')
        batch_op.drop_column('owner_id')
