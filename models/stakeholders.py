"""Who was in the room, by kind: a workshop's list of stakeholder types (region, kommun,
lärosäte, brukarorganisation, privat aktör …), one of which a participant may choose when
joining, and input entered for a table group may carry. A type is not a name: it is
anonymous, counted and broken down in the dashboard and the exports, and beside a name
only on the participant list of those who agreed to be on it. An empty list: not asked."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.errors import DomainError
from models.levels import chosen_from, tidy_lines

if TYPE_CHECKING:
    from models.workshops import Workshop

MAX_TYPES = 12
MAX_TYPE_LENGTH = 60


class StakeholderTypesInvalid(DomainError):
    """params: field, count, length"""

    code = "stakeholder_types_invalid"


class UnknownStakeholderType(DomainError):
    code = "unknown_stakeholder_type"


def stakeholder_types_of(workshop: Workshop) -> list[str]:
    return [line for line in (workshop.stakeholder_types or "").splitlines() if line.strip()]


def parse_stakeholder_types(text: str) -> str:
    """The types typed in the editor, one per line, tidied; none at all is allowed."""
    lines = tidy_lines(text)
    if len(lines) > MAX_TYPES or any(len(line) > MAX_TYPE_LENGTH for line in lines):
        raise StakeholderTypesInvalid(field="stakeholder_types", count=MAX_TYPES, length=MAX_TYPE_LENGTH)
    return "\n".join(lines)


def valid_stakeholder_type(workshop: Workshop, value: object) -> str | None:
    """A participant's type: one of the workshop's, or None for none given."""
    return chosen_from(stakeholder_types_of(workshop), value, UnknownStakeholderType)


def in_list_order(counts: dict[str, int], listed: list[str]) -> list[tuple[str, int]]:
    """Counts by type in the list's order, then types since taken off it, alphabetically."""
    order = [t for t in dict.fromkeys([*listed, *sorted(counts)]) if counts.get(t)]
    return [(t, counts[t]) for t in order]
