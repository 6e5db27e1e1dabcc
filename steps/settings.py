"""The settings of a step: each kind declares its own (`StepKind.settings`); these read
them with their defaults and validate what the editor or a live control sends. The
editor's configuration is kept in `Step.settings`, the run-time state (the kind's
`live_settings`) in `Step.state`, so that saving the editor never touches a running
timer or an open vote."""

from __future__ import annotations

import re
from typing import Any

from models.errors import InvalidInput, TextTooLong
from models.workshops import Step
from steps.kind import IntSetting, ListSetting, TextSetting
from steps.registry import kind_of, kinds

MAX_TITLE_LENGTH = 200
MAX_PROMPT_LENGTH = 1000
MAX_LIST_ITEMS = 20
MAX_LIST_ITEM_LENGTH = 300
DAY_MS = 24 * 60 * 60 * 1000


def editor_settings(kind: str) -> list[str]:
    """The settings of a kind of step that the step editor shows: those with a field (a
    setting set elsewhere, such as an information step's film, keeps its value)."""
    spec = kinds()[kind]
    fields = spec.form_fields()
    return [name for name in spec.settings if name not in spec.live_settings and name in fields]


def step_setting(step: Step, name: str) -> Any:
    """A setting of a step, or its default."""
    kind = kind_of(step)
    spec = kind.settings[name]
    value = ((step.state if name in kind.live_settings else step.settings) or {}).get(name)
    if value is None:
        return list(spec.default) if isinstance(spec, ListSetting) else spec.default
    return value


def clean_settings(kind: str, raw: dict[str, Any]) -> dict[str, Any]:
    """Validated settings for a step of `kind`; missing values take their defaults."""
    if kind not in kinds():
        raise InvalidInput(field="kind")
    cleaned: dict[str, Any] = {}
    for name, spec in kinds()[kind].settings.items():
        value = raw.get(name)
        if isinstance(spec, IntSetting):
            cleaned[name] = _clean_int(name, value, spec)
        elif isinstance(spec, ListSetting):
            cleaned[name] = _clean_list(name, value, spec)
        elif isinstance(spec, TextSetting):
            cleaned[name] = _clean_text(name, value, spec)
        else:
            cleaned[name] = spec.default if value is None else bool(value)
    return cleaned


def split_settings(kind: str, values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Settings of a step of `kind` as its configuration and its run-time state."""
    live = kinds()[kind].live_settings
    return (
        {name: value for name, value in values.items() if name not in live},
        {name: value for name, value in values.items() if name in live},
    )


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


def _clean_text(name: str, value: Any, spec: TextSetting) -> str:
    """Spaces tidied; where the setting is multi-line, paragraphs (lines between empty
    lines) kept, one empty line between them; an address must be http(s)."""
    if value is None:
        return spec.default
    if not isinstance(value, str):
        raise InvalidInput(field=name)
    paragraphs: list[list[str]] = [[]]
    for line in (" ".join(line.split()) for line in value.splitlines()):
        if line:
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    text = ("\n\n" if spec.multiline else " ").join(" ".join(p) for p in paragraphs if p)
    if len(text) > spec.max_length:
        raise TextTooLong(limit=spec.max_length)
    if spec.url and text and not re.match(r"^https?://[^\s/]+\.?[^\s]*$", text):
        raise InvalidInput(field=name)
    return text


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
        "settings": {name: step_setting(step, name) for name in kind_of(step).settings},
    }
