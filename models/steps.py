"""Settings of each kind of step: defaults, limits and validation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from models.errors import InvalidInput
from models.workshops import STEP_KINDS, Step

MAX_TITLE_LENGTH = 200
MAX_PROMPT_LENGTH = 1000
MAX_LIST_ITEMS = 20
MAX_LIST_ITEM_LENGTH = 300
DAY_MS = 24 * 60 * 60 * 1000


@dataclass(frozen=True)
class IntSetting:
    default: int
    low: int
    high: int


@dataclass(frozen=True)
class ListSetting:
    default: tuple[str, ...]


@dataclass(frozen=True)
class BoolSetting:
    default: bool


Setting = IntSetting | ListSetting | BoolSetting

SETTINGS: dict[str, dict[str, Setting]] = {
    "words": {
        "max_words": IntSetting(3, 1, 20),
        "max_length": IntSetting(40, 5, 80),
        "show_list": BoolSetting(False),  # the projector shows the ranked list instead of the cloud
    },
    "cards": {
        "categories": ListSetting(("Förutsättningar",)),
        "max_cards": IntSetting(10, 1, 50),
        "max_length": IntSetting(280, 20, 500),
        "levels": BoolSetting(False),
    },
    "tracks": {
        "dots": IntSetting(3, 1, 20),
        "max_per_track": IntSetting(3, 1, 20),
        "max_length": IntSetting(200, 20, 500),
        "max_tracks": IntSetting(3, 1, 20),  # proposals per participant
        "hide_results": BoolSetting(False),  # the projector shows counts only once revealed
        "voting": BoolSetting(False),  # during the workshop: dots can be placed and moved
        "revealed": BoolSetting(False),  # during the workshop: hidden results are shown
    },
    "discussion": {
        "questions": ListSetting(()),
        "timer_minutes": IntSetting(10, 0, 180),
        "answers": BoolSetting(False),  # phones may write short answers, sorted like cards
        "max_cards": IntSetting(10, 1, 50),
        "max_length": IntSetting(280, 20, 500),
        "question": IntSetting(-1, -1, 19),  # during the workshop: the one shown, -1: all
        "timer_ends_at": IntSetting(0, 0, 2**53),  # during the workshop: ms since the epoch, 0: stopped
        "timer_left_ms": IntSetting(-1, -1, DAY_MS),  # during the workshop: when stopped; -1: full time
    },
}


# Settings the facilitator changes while the workshop runs, not in the step editor; saving
# the editor keeps them.
LIVE_SETTINGS = frozenset({"voting", "revealed", "question", "timer_ends_at", "timer_left_ms"})


def takes_cards(step: Step) -> bool:
    """Whether phones post cards to the step: a Cards step, or a discussion taking answers."""
    return step.kind == "cards" or (step.kind == "discussion" and bool(step_setting(step, "answers")))


def card_categories(step: Step) -> list[str]:
    """What a card of the step is filed under: its categories, or a discussion's questions."""
    return list(step_setting(step, "categories" if step.kind == "cards" else "questions"))


def editor_settings(kind: str) -> list[str]:
    """The settings of a kind of step that the step editor shows."""
    return [name for name in SETTINGS[kind] if name not in LIVE_SETTINGS]


def step_setting(step: Step, name: str) -> Any:
    """A setting of a step, or its default."""
    spec = SETTINGS[step.kind][name]
    value = (step.settings or {}).get(name)
    if value is None:
        return list(spec.default) if isinstance(spec, ListSetting) else spec.default
    return value


def clean_settings(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Validated settings for a step of `kind`; missing values take their defaults."""
    if kind not in STEP_KINDS:
        raise InvalidInput(field="kind")
    cleaned: dict[str, Any] = {}
    for name, spec in SETTINGS[kind].items():
        value = raw.get(name)
        if isinstance(spec, IntSetting):
            cleaned[name] = _clean_int(name, value, spec)
        elif isinstance(spec, ListSetting):
            cleaned[name] = _clean_list(name, value, spec)
        else:
            cleaned[name] = spec.default if value is None else bool(value)
    return cleaned


def _clean_int(name: str, value: Any, spec: IntSetting) -> int:
    if value is None or value == "":
        return spec.default
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InvalidInput(field=name) from None
    if not spec.low <= number <= spec.high:
        raise InvalidInput(field=name)
    return number


def _clean_list(name: str, value: Any, spec: ListSetting) -> list[str]:
    if value is None:
        return list(spec.default)
    if isinstance(value, str):
        value = value.splitlines()
    items = [" ".join(str(item).split()) for item in value]
    items = [item for item in items if item]
    if len(items) > MAX_LIST_ITEMS or any(len(item) > MAX_LIST_ITEM_LENGTH for item in items):
        raise InvalidInput(field=name)
    return items


def step_public(step: Step) -> dict[str, Any]:
    """A step as phones and the projector see it."""
    return {
        "id": step.id,
        "kind": step.kind,
        "title": step.title,
        "prompt": step.prompt,
        "position": step.position,
        "is_open": step.is_open,
        "based_on_step_id": step.based_on_step_id,
        "settings": {name: step_setting(step, name) for name in SETTINGS[step.kind]},
    }
