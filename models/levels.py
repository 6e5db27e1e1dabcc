"""The levels of the system a card can be about (nationell, regional, delregional, lokal,
and nivåoberoende for what holds at every level; seed 004 asks which questions suit which
level): a list per workshop, edited like its note categories. A card keeps the level it
was given, as text, when the list changes later."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from models.errors import DomainError

if TYPE_CHECKING:
    from models.workshops import Workshop

DEFAULT_LEVELS = ("Nationell", "Regional", "Delregional", "Lokal", "Nivåoberoende")
MAX_LEVELS = 12
MAX_LEVEL_LENGTH = 60
# What holds at every level: last in every list a compilation shows, whatever the order.
EVERY_LEVEL = {"nivåoberoende", "alla nivåer", "any level", "every level"}
# Before workshops had a list of their own, a card's level was one of these keys.
OLD_LEVEL_KEYS = {
    "lokal": "Lokal",
    "delregional": "Delregional",
    "regional": "Regional",
    "nationell": "Nationell",
}


class LevelsInvalid(DomainError):
    """params: field, count, length"""

    code = "levels_invalid"


class UnknownLevel(DomainError):
    code = "unknown_level"


def levels_of(workshop: Workshop) -> list[str]:
    lines = [line.strip() for line in (workshop.levels or "").splitlines()]
    return [line for line in lines if line] or list(DEFAULT_LEVELS)


def tidy_lines(text: str) -> list[str]:
    """A list typed one item per line: spaces tidied, empty lines and repeats left out."""
    return list(dict.fromkeys(" ".join(line.split()) for line in text.splitlines() if line.strip()))


def parse_levels(text: str) -> str:
    """The levels typed in the editor, one per line, tidied (models.agenda.update_levels
    stores them)."""
    lines = tidy_lines(text)
    if not lines or len(lines) > MAX_LEVELS or any(len(line) > MAX_LEVEL_LENGTH for line in lines):
        raise LevelsInvalid(field="levels", count=MAX_LEVELS, length=MAX_LEVEL_LENGTH)
    return "\n".join(lines)


def chosen_from(listed: list[str], value: object, unknown: type[DomainError]) -> str | None:
    """A value chosen from one of a workshop's lists (levels, stakeholder types): one of
    them, or None for none chosen; anything else raises `unknown`."""
    if value in (None, ""):
        return None
    if not isinstance(value, str) or value not in listed:
        raise unknown()
    return value


def valid_level(workshop: Workshop, value: object) -> str | None:
    """A level for a card: one of the workshop's, or None for none."""
    return chosen_from(levels_of(workshop), value, UnknownLevel)


def ordered_levels(listed: Iterable[str], used: Iterable[str | None]) -> list[str]:
    """The levels to show, in order: the list's, then those cards still have that the list
    no longer names, the level that holds at every level last; only levels in use."""
    seen = {level for level in used if level}
    order = [level for level in dict.fromkeys([*listed, *sorted(seen)]) if level in seen]
    return sorted(order, key=lambda level: level.casefold() in EVERY_LEVEL)  # stable: the rest keep order
