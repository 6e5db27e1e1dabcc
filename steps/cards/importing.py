"""Cards brought in from elsewhere into one step: the notes from paper tables, an
interview round, a meeting held without phones. Pasted lines (one card each), or a CSV or
XLSX file with a header row: `text` (required), `theme`, `parent_theme`, `level`,
`category`, `group` (Swedish headings too: text, tema, övertema, nivå, kategori, grupp).

`read_file` and `read_pasted` read the rows; `plan_import` checks every row against the
step and the workshop and says what would be made (the preview); `apply_import` makes it
in one transaction, themes, levels and table groups as needed, or nothing at all. A row
that cannot be taken is named by its line and the reason; with any such row nothing is
made. Imported cards are entered for their table group (or for people without a phone),
as a scribe's are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from models.agenda import agenda_payloads
from models.errors import DomainError
from models.events import Event, lock_workshop, make_event, upcoming_seq
from models.groups import MAX_GROUP_NAME_LENGTH, MAX_GROUPS, TableGroup, groups_of
from models.levels import MAX_LEVEL_LENGTH, MAX_LEVELS, levels_of
from models.participants import Participant, stand_in
from models.session import DbSession
from models.stakeholders import MAX_TYPE_LENGTH, MAX_TYPES, stakeholder_types_of
from models.submissions import valid_sentence
from models.workshops import Step
from steps.cards.board import MAX_DEPTH
from steps.cards.cards import (
    MAX_THEME_NAME_LENGTH,
    Card,
    Theme,
    board_event,
    cards_event,
    next_position,
    themes_of,
)
from steps.registry import kind_of, takes
from steps.settings import step_setting

MAX_ROWS = 5000
MAX_FILE_BYTES = 5 * 1024 * 1024
# Each column by the headings it may have (compared without case and spaces).
COLUMNS = {
    "text": ("text", "kort", "card", "citat", "quote"),
    "theme": ("theme", "tema"),
    "parent_theme": ("parent_theme", "parent theme", "övertema", "dimension"),
    "level": ("level", "nivå"),
    "category": ("category", "kategori"),
    "group": ("group", "grupp", "bordsgrupp", "bord", "table group"),
    "stakeholder": ("stakeholder", "stakeholder type", "aktörstyp", "aktör", "organisationstyp"),
}
HEADINGS = {column: {name.replace("_", " ") for name in names} for column, names in COLUMNS.items()}


class ImportFileError(DomainError):
    """The input as a whole cannot be read: `reason` says why (its code is import_<reason>)."""

    def __init__(self, reason: str, **params: Any) -> None:
        self.code = f"import_{reason}"
        super().__init__(**params)


class ImportRefused(DomainError):
    """Some rows cannot be taken: nothing was made. params: count"""

    code = "import_refused"


@dataclass(frozen=True)
class Problem:
    line: int  # as the file or the pasted text numbers it, the header being line 1
    code: str  # a code of webapp.errors.MESSAGES
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    line: int
    text: str
    theme: str = ""
    parent_theme: str = ""
    level: str | None = None
    category: str = ""
    group: str = ""
    stakeholder: str | None = None


@dataclass
class Plan:
    """What an import would make: the cards, and the themes, levels and groups it needs."""

    rows: list[Row]
    problems: list[Problem]
    unused_columns: list[str]
    new_themes: list[tuple[str, str]] = field(default_factory=list)  # (parent or "", name)
    new_levels: list[str] = field(default_factory=list)
    new_groups: list[str] = field(default_factory=list)
    new_types: list[str] = field(default_factory=list)  # stakeholder types


@dataclass(frozen=True)
class Table:
    rows: list[tuple[int, dict[str, str]]]  # (line, column -> value)
    unused_columns: list[str]


# --- Reading -------------------------------------------------------------------------------


def read_file(filename: str, data: bytes) -> Table:
    """The rows of a CSV (comma, semicolon or tab; UTF-8 or Windows-1252) or an XLSX file
    (its first sheet); the first row holds the headings."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError("too_big", limit=MAX_FILE_BYTES // (1024 * 1024))
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return _table(_xlsx_rows(data))
    return _table(_csv_rows(_decoded(data)))


def read_pasted(text: str) -> Table:
    """Pasted text: one card per line; or, when its first line has a `text` heading among
    tab-separated headings (pasted from a spreadsheet), the columns as in a file."""
    lines = text.replace("\r\n", "\n").split("\n")
    first = [cell.strip().casefold() for cell in lines[0].split("\t")] if lines else []
    if "\t" in (lines[0] if lines else "") and any(h in COLUMNS["text"] for h in first):
        return _table(_csv_rows(text, delimiter="\t"))
    return Table([(n, {"text": line}) for n, line in enumerate(lines, start=1) if line.strip()], [])


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(text: str, delimiter: str | None = None) -> list[list[str]]:
    if delimiter is None:
        head = text.split("\n", 1)[0]
        delimiter = max((";", ",", "\t"), key=head.count)
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFileError("not_a_table") from None
    sheet = book.worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def _table(rows: list[list[str]]) -> Table:
    """Rows under their headings; line numbers as a spreadsheet shows them (headings: 1)."""
    if not rows:
        raise ImportFileError("empty")
    names: list[str | None] = []
    unused = []
    for heading in rows[0]:
        key = " ".join(heading.split()).casefold().replace("_", " ")
        column = next((c for c, names in HEADINGS.items() if key in names), None)
        names.append(column)
        if column is None and heading.strip():
            unused.append(heading.strip())
    if "text" not in names:
        raise ImportFileError("no_text_column")
    found = []
    for line, row in enumerate(rows[1:], start=2):
        values = {name: cell.strip() for name, cell in zip(names, row, strict=False) if name is not None}
        if any(values.values()):
            found.append((line, values))
    if len(found) > MAX_ROWS:
        raise ImportFileError("too_many_rows", limit=MAX_ROWS)
    return Table(found, unused)


# --- Checking ------------------------------------------------------------------------------


def plan_import(session: DbSession, step: Step, table: Table) -> Plan:
    """Every row checked against the step (its categories, its themes, its longest card) and
    the workshop (its levels and groups): what would be made, and what cannot be."""
    if not takes(step, "card"):
        raise ImportFileError("not_a_cards_step")
    if not table.rows:
        raise ImportFileError("empty")
    kind = kind_of(step)
    categories = kind.categories(step)
    limit = step_setting(step, "max_length")
    themes = themes_of(session, step)
    known = {(t.name.casefold()): t for t in themes}
    parents: dict[int | None, Theme] = {t.id: t for t in themes}
    levels = levels_of(step.workshop)
    groups = {g.name.casefold() for g in groups_of(session, step.workshop_id)}
    plan = Plan([], [], table.unused_columns)
    new_themes: dict[str, tuple[str, str]] = {}
    new_levels: dict[str, str] = {}
    new_groups: dict[str, str] = {}
    types = stakeholder_types_of(step.workshop)
    new_types: dict[str, str] = {}

    def depth_of(name: str) -> int:
        """How many levels under the top a theme of the board, or of the import, is."""
        depth = 0
        for _ in range(MAX_DEPTH + 2):
            existing = known.get(name.casefold())
            if existing is not None:
                above = existing.parent_id
                while above in parents:
                    depth, above = depth + 1, parents[above].parent_id
                return depth
            name = new_themes.get(name.casefold(), ("", name))[0]
            if not name:
                return depth
            depth += 1
        return depth

    for line, values in table.rows:
        found: list[tuple[str, dict[str, Any]]] = []  # this row's problems

        def refuse(code: str, found: list[tuple[str, dict[str, Any]]] = found, **params: Any) -> None:
            found.append((code, params))

        try:
            text = valid_sentence(values.get("text", ""), limit)
        except DomainError as error:
            refuse(error.code, **error.params)
            text = ""
        category = " ".join(values.get("category", "").split())
        if not category:
            category = kind.default_category(step) or (categories[0] if len(categories) == 1 else "")
        if categories and category not in categories:
            refuse("import_category", category=category or "–", categories=", ".join(categories))
        theme = " ".join(values.get("theme", "").split())
        parent = " ".join(values.get("parent_theme", "").split())
        if parent and not theme:
            refuse("import_parent_without_theme")
        for name in (theme, parent):
            if len(name) > MAX_THEME_NAME_LENGTH:
                refuse("import_name_too_long", name=name[:40], limit=MAX_THEME_NAME_LENGTH)
        if theme:
            existing = known.get(theme.casefold())
            if existing is not None:
                had = parents[existing.parent_id].name if existing.parent_id in parents else ""
                if parent and had.casefold() != parent.casefold():
                    refuse("import_theme_elsewhere", theme=existing.name, parent=had or "–")
            elif step.based_on_step_id:
                refuse("import_unknown_theme", theme=theme)
            else:
                pair = new_themes.setdefault(theme.casefold(), (parent, theme))
                if pair[0].casefold() != parent.casefold():
                    refuse("import_theme_elsewhere", theme=theme, parent=pair[0] or "–")
                if parent and parent.casefold() not in known:
                    new_themes.setdefault(parent.casefold(), ("", parent))  # a new top-level theme
                if parent and depth_of(parent) >= MAX_DEPTH:
                    refuse("too_deep")  # three levels at most: dimension, theme, sub-theme
        level = _on_list(values.get("level", ""), levels, new_levels, MAX_LEVEL_LENGTH, refuse)
        group = " ".join(values.get("group", "").split())
        if group and group.casefold() not in groups:
            if len(group) > MAX_GROUP_NAME_LENGTH:
                refuse("import_name_too_long", name=group[:40], limit=MAX_GROUP_NAME_LENGTH)
            new_groups.setdefault(group.casefold(), group)
        stakeholder = _on_list(values.get("stakeholder", ""), types, new_types, MAX_TYPE_LENGTH, refuse)
        plan.problems += [Problem(line, code, params) for code, params in found]
        if not found:
            plan.rows.append(Row(line, text, theme, parent, level, category, group, stakeholder))
    if len(levels) + len(new_levels) > MAX_LEVELS:
        plan.problems.append(Problem(0, "import_too_many_levels", {"limit": MAX_LEVELS}))
    if len(groups) + len(new_groups) > MAX_GROUPS:
        plan.problems.append(Problem(0, "import_too_many_groups", {"limit": MAX_GROUPS}))
    if len(types) + len(new_types) > MAX_TYPES:
        plan.problems.append(Problem(0, "import_too_many_types", {"limit": MAX_TYPES}))
    # The outermost first, so a theme's parent is made before it.
    plan.new_themes = sorted(new_themes.values(), key=lambda pair: depth_of(pair[1]))
    plan.new_levels = list(new_levels.values())
    plan.new_groups = list(new_groups.values())
    plan.new_types = list(new_types.values())
    return plan


def _on_list(
    value: str, listed: list[str], new: dict[str, str], limit: int, refuse: Callable[..., None]
) -> str | None:
    """A value of one of the workshop's lists (a level, a stakeholder type) as the list
    spells it, or as first written when it is new (then added to `new`); None when empty."""
    value = " ".join(value.split())
    if not value:
        return None
    known = next((each for each in listed if each.casefold() == value.casefold()), None)
    if known is not None:
        return known
    if len(value) > limit:
        refuse("import_name_too_long", name=value[:40], limit=limit)
        return None
    return new.setdefault(value.casefold(), value)


# --- Making --------------------------------------------------------------------------------


def apply_import(session: DbSession, step: Step, plan: Plan) -> list[Event]:
    """Make what `plan` says in one transaction: levels at the end of the workshop's list,
    groups after its own, dimensions and themes last on the board, then the cards, last in
    their columns, each entered for its group. With any problem in the plan, nothing.
    Returns the events to send (the board's themes, then the cards)."""
    if plan.problems:
        raise ImportRefused(count=len(plan.problems))
    workshop = step.workshop
    lock_workshop(session, workshop.id)
    if plan.new_levels:
        workshop.levels = "\n".join([*levels_of(workshop), *plan.new_levels])
    if plan.new_types:
        workshop.stakeholder_types = "\n".join([*stakeholder_types_of(workshop), *plan.new_types])
    groups = {g.name.casefold(): g for g in groups_of(session, workshop.id)}
    for position, name in enumerate(plan.new_groups, start=len(groups)):
        groups[name.casefold()] = TableGroup(workshop_id=workshop.id, name=name, position=position)
        session.add(groups[name.casefold()])
    themes = {t.name.casefold(): t for t in themes_of(session, step)}
    for parent, name in plan.new_themes:
        above = themes[parent.casefold()].id if parent else None
        siblings = sum(1 for t in themes.values() if t.parent_id == above)
        themes[name.casefold()] = Theme(
            workshop_id=workshop.id, step_id=step.id, name=name, parent_id=above, position=siblings
        )
        session.add(themes[name.casefold()])
        session.flush()  # its id, for the themes under it
    session.flush()
    events = []
    if plan.new_levels or plan.new_types:  # dashboards and phones get the longer lists at once
        events.append(
            make_event(session, workshop.id, "agenda_changed", agenda_payloads(workshop, "workshop_changed"))
        )
    if plan.new_themes:
        events.append(board_event(session, step, themes_changed=True))
    seq = upcoming_seq(session, workshop.id)
    stand_ins: dict[tuple[int | None, str | None], Participant] = {}  # per group and type
    positions: dict[int | None, int] = {}
    cards = []
    for row in plan.rows:
        group = groups[row.group.casefold()] if row.group else None
        gid = group.id if group is not None else None
        who = (gid, row.stakeholder)
        if who not in stand_ins:
            stand_ins[who] = stand_in(session, workshop.id, gid, row.stakeholder)
        theme_id = themes[row.theme.casefold()].id if row.theme else None
        if theme_id not in positions:
            positions[theme_id] = next_position(session, step.id, theme_id)
        card = Card(
            workshop_id=workshop.id,
            step_id=step.id,
            participant_id=stand_ins[who].id,
            group_id=gid,
            text=row.text,
            category=row.category,
            level=row.level,
            theme_id=theme_id,
            position=positions[theme_id],
            seq=seq,
        )
        positions[theme_id] += 1
        session.add(card)
        cards.append(card)
    session.flush()
    events.append(cards_event(session, step, cards))
    session.commit()
    return events
