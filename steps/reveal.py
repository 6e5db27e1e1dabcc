"""Write, then reveal: a mode of the steps that take text (cards, questions), so that the
first loud answer does not steer the rest. While such a step is in its writing phase,
each phone sees only its own input and the projector only how many have written, per
table group; facilitators see everything as it comes (to sort it ahead). The facilitator
reveals, and everything appears at once on the projector and the phones
(`facilitator.events.on_reveal`); revealing can be taken back.

A kind offers the mode by adding `WRITE_FIRST` to its settings and `"all_revealed"` to its
live settings, leaving its shown input out of what phones and the projector get while
`writing(step)`, and sending it all from `StepKind.revealed`.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Table, func, select
from wtforms import BooleanField

from models.groups import TableGroup
from models.session import DbSession
from models.workshops import Step
from steps.kind import BoolSetting
from steps.registry import kind_of
from steps.settings import step_setting

WRITE_FIRST = {
    "write_first": BoolSetting(False),  # the editor's: the step starts in its writing phase
    "all_revealed": BoolSetting(False),  # during the workshop: the facilitator revealed it
}


def write_first_field() -> BooleanField:
    return BooleanField(
        _l("Write first, reveal together: phones see only their own until you reveal everything at once")
    )


def writing(step: Step) -> bool:
    """Whether the step is in its writing phase: input is kept from phones and the projector."""
    if "write_first" not in kind_of(step).settings:
        return False
    return bool(step_setting(step, "write_first")) and not step_setting(step, "all_revealed")


def written_per_group(session: DbSession, table: Table, step: Step, *where: Any) -> dict[str, Any]:
    """What the projector shows in the writing phase: how many items of `table` the step
    has, in all and per table group (in the workshop's order; without a group last)."""
    rows = session.execute(
        select(table.c.group_id, func.count(table.c.id))
        .where(table.c.step_id == step.id, table.c.withdrawn_at.is_(None), *where)
        .group_by(table.c.group_id)
    )
    counts = {group_id: int(count) for group_id, count in rows}
    groups = session.execute(
        select(TableGroup.id, TableGroup.name)
        .where(TableGroup.workshop_id == step.workshop_id)
        .order_by(TableGroup.position, TableGroup.id)
    )
    listed = [{"name": name, "count": counts.get(group_id, 0)} for group_id, name in groups]
    if counts.get(None):
        listed.append({"name": "", "count": counts[None]})
    return {"total": sum(counts.values()), "groups": listed}
