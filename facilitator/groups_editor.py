"""The editor's table-group rows: read from what the form sent (each row names its group
by id), and drawn again with what was typed when a save is refused."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.datastructures import MultiDict

from models.errors import InvalidInput
from models.groups import GroupLine, contents_of_groups, groups_of, groups_with_scribes, parse_group_names
from models.session import DbSession
from models.workshops import Workshop

NO_GROUP = "none"


@dataclass
class GroupRow:
    """One group as the editor shows it: its name (as typed), what is in it, and the
    removal asked for."""

    id: int
    name: str
    people: int
    inputs: int
    scribe: bool = False  # a scribe link writes for it
    remove: bool = False
    move_to: str = ""  # "" not chosen, NO_GROUP, or another group's id

    @property
    def holds_anything(self) -> bool:
        """Whether removing it needs a destination (people, input, or a scribe)."""
        return bool(self.people or self.inputs or self.scribe)


def group_lines(form: MultiDict[str, str]) -> list[GroupLine]:
    """The rows the form sent, in their order (a "move" button moves one row first), and
    its new groups; InvalidInput for a row that is not a number."""
    order = _ids(form.getlist("order"))
    if "move" in form:
        order = _moved(order, form["move"])
    lines = [
        GroupLine(gid, form.get(f"name-{gid}", ""), f"remove-{gid}" in form, *_destination(form, gid))
        for gid in order
    ]
    return [*lines, *(GroupLine(None, name) for name in parse_group_names(form.get("new_groups", "")))]


def _ids(values: list[str]) -> list[int]:
    if not all(v.isdigit() for v in values):
        raise InvalidInput(field="groups")
    return [int(v) for v in values]


def _moved(order: list[int], move: str) -> list[int]:
    """`move` is "<group id>:-1" (up a line) or "<group id>:1" (down)."""
    gid, _, step = move.partition(":")
    if not gid.isdigit() or int(gid) not in order or step not in ("-1", "1"):
        raise InvalidInput(field="groups")
    at = order.index(int(gid))
    to = at + int(step)
    if 0 <= to < len(order):
        order[at], order[to] = order[to], order[at]
    return order


def _destination(form: MultiDict[str, str], gid: int) -> tuple[bool, int | None]:
    value = form.get(f"move-{gid}", "")
    if value == "":
        return False, None
    if value == NO_GROUP:
        return True, None
    return True, _ids([value])[0]


def group_rows(session: DbSession, workshop: Workshop, form: MultiDict[str, str] | None) -> list[GroupRow]:
    """The workshop's groups for the editor; with `form`, in its order with what was typed."""
    groups = groups_of(session, workshop.id)
    ids = [g.id for g in groups]
    contents, scribed = contents_of_groups(session, ids), groups_with_scribes(session, ids)
    rows = {g.id: GroupRow(g.id, g.name, *contents[g.id], scribe=g.id in scribed) for g in groups}
    if form is None:
        return list(rows.values())
    sent = [int(v) for v in form.getlist("order") if v.isdigit() and int(v) in rows]
    for gid in sent:
        row = rows[gid]
        row.name = form.get(f"name-{gid}", row.name)
        row.remove = f"remove-{gid}" in form
        row.move_to = form.get(f"move-{gid}", "")
    return [rows[gid] for gid in sent] + [row for gid, row in rows.items() if gid not in sent]
