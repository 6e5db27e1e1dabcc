"""a step's run-time state (voting open, revealed, the timer, the question on screen)
kept apart from its configuration

Revision ID: 0013_step_state
Revises: 0012_workshop_owner
Create Date: 2026-12-03 08:00:00

"""
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_step_state'
down_revision = '0012_workshop_owner'
branch_labels = None
depends_on = None

# What each kind changed while it ran, as it stood in `settings` before this revision.
# Written out here, not read from the kinds, so the migration stays as it was.
STATE = {
    'tracks': ('voting', 'revealed'),
    'discussion': ('question', 'timer_ends_at', 'timer_left_ms'),
}

steps = sa.table(
    'steps',
    sa.column('id', sa.Integer),
    sa.column('kind', sa.String),
    sa.column('settings', sa.JSON),
    sa.column('state', sa.JSON),
)


def _as_dict(value):
    if isinstance(value, str):
        value = json.loads(value)
    return dict(value or {})


def upgrade():
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.JSON(), nullable=True))
    connection = op.get_bind()
    for row in connection.execute(sa.select(steps.c.id, steps.c.kind, steps.c.settings)).all():
        settings = _as_dict(row.settings)
        state = {name: settings.pop(name) for name in STATE.get(row.kind, ()) if name in settings}
        connection.execute(
            steps.update().where(steps.c.id == row.id).values(settings=settings, state=state)
        )
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.alter_column('state', existing_type=sa.JSON(), nullable=False)


def downgrade():
    connection = op.get_bind()
    for row in connection.execute(sa.select(steps.c.id, steps.c.settings, steps.c.state)).all():
        merged = {**_as_dict(row.settings), **_as_dict(row.state)}
        connection.execute(steps.update().where(steps.c.id == row.id).values(settings=merged))
    with op.batch_alter_table('steps', schema=None) as batch_op:
        batch_op.drop_column('state')
