"""indexes for what every submission reads: a participant's items in a step, a column's
last position, a word's group (each replaces an index on step_id or key alone)

Revision ID: 0011_step_indexes
Revises: 0010_facilitator_language
Create Date: 2026-11-26 18:45:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0011_step_indexes'
down_revision = '0010_facilitator_language'
branch_labels = None
depends_on = None

NEW = {
    'cards': [
        ('ix_cards_step_participant', ['step_id', 'participant_id']),
        ('ix_cards_column_position', ['step_id', 'theme_id', 'position']),
    ],
    'words': [
        ('ix_words_step_participant', ['step_id', 'participant_id']),
        ('ix_words_step_key', ['step_id', 'key']),
    ],
    'tracks': [('ix_tracks_step_participant', ['step_id', 'participant_id'])],
}
OLD = {
    'cards': [('ix_cards_step_id', ['step_id'])],
    'words': [('ix_words_step_id', ['step_id']), ('ix_words_key', ['key'])],
    'tracks': [('ix_tracks_step_id', ['step_id'])],
}


def _swap(drop, create):
    for table in NEW:
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _columns in drop[table]:
                batch_op.drop_index(name)
            for name, columns in create[table]:
                batch_op.create_index(name, columns, unique=False)


def upgrade():
    _swap(OLD, NEW)


def downgrade():
    _swap(NEW, OLD)
