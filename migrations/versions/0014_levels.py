"""a list of levels per workshop; a card's level is that list's text (it was one of four
fixed keys)

Revision ID: 0014_levels
Revises: 0013_step_state
Create Date: 2026-12-04 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014_levels'
down_revision = '0013_step_state'
branch_labels = None
depends_on = None

# Written out here, not read from models.levels, so the migration stays as it was.
OLD_KEYS = {'lokal': 'Lokal', 'delregional': 'Delregional', 'regional': 'Regional', 'nationell': 'Nationell'}

cards = sa.table('cards', sa.column('level', sa.String))


def upgrade():
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.add_column(sa.Column('levels', sa.Text(), server_default='', nullable=False))
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.alter_column('level', existing_type=sa.String(length=20), type_=sa.String(length=60))
    for key, name in OLD_KEYS.items():
        op.execute(cards.update().where(cards.c.level == key).values(level=name))


def downgrade():
    for key, name in OLD_KEYS.items():
        op.execute(cards.update().where(cards.c.level == name).values(level=key))
    # A level of the workshop's own list has no key: it is dropped, as it could not be stored.
    op.execute(cards.update().where(sa.not_(cards.c.level.in_(list(OLD_KEYS)))).values(level=None))
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.alter_column('level', existing_type=sa.String(length=60), type_=sa.String(length=20))
    with op.batch_alter_table('workshops', schema=None) as batch_op:
        batch_op.drop_column('levels')
