"""curation of cards after the day (the writer's original kept, cards split, a log of
who changed what and when), and long cards (up to 2,000 characters)

Revision ID: 0015_curation
Revises: 0014_levels
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015_curation'
down_revision = '0014_levels'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.alter_column('text', existing_type=sa.String(length=600), type_=sa.String(length=2000))
        batch_op.add_column(sa.Column('original_text', sa.String(length=2000), nullable=True))
        batch_op.add_column(sa.Column('split_from_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('curated_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('curated_by', sa.String(length=254), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_cards_split_from_id_cards'), 'cards', ['split_from_id'], ['id'], ondelete='CASCADE'
        )
    op.create_table(
        'card_edits',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('workshop_id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('facilitator_id', sa.Integer(), nullable=True),
        sa.Column('by', sa.String(length=254), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('before', sa.Text(), nullable=False),
        sa.Column('after', sa.Text(), nullable=False),
        sa.Column('added_text', sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ['card_id'], ['cards.id'], name=op.f('fk_card_edits_card_id_cards'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['facilitator_id'], ['facilitators.id'], name=op.f('fk_card_edits_facilitator_id_facilitators'),
            ondelete='SET NULL',
        ),
        sa.ForeignKeyConstraint(
            ['workshop_id'], ['workshops.id'], name=op.f('fk_card_edits_workshop_id_workshops'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_card_edits')),
    )
    with op.batch_alter_table('card_edits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_edits_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_edits_workshop_id'), ['workshop_id'], unique=False)


def downgrade():
    with op.batch_alter_table('card_edits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_edits_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_card_edits_card_id'))
    op.drop_table('card_edits')
    # The cards split off go; each card keeps its curated text (the original is dropped).
    op.execute("DELETE FROM cards WHERE split_from_id IS NOT NULL")
    op.execute("UPDATE cards SET text = substr(text, 1, 600)")
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_cards_split_from_id_cards'), type_='foreignkey')
        batch_op.drop_column('curated_by')
        batch_op.drop_column('curated_at')
        batch_op.drop_column('split_from_id')
        batch_op.drop_column('original_text')
        batch_op.alter_column('text', existing_type=sa.String(length=2000), type_=sa.String(length=600))
