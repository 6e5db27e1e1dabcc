"""Every kind of step, by name: the one list a new kind is added to.

The kinds are read on first use, not on import: each kind's package imports the shared
code (the agenda, the settings), which asks the registry in turn.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.workshops import Step
    from steps.kind import StepKind


_KINDS: dict[str, StepKind] = {}


def kinds() -> Mapping[str, StepKind]:
    """The kinds by name, in the order the editor offers them."""
    if not _KINDS:
        from steps.cards.kind import CARDS
        from steps.discussion.kind import DISCUSSION
        from steps.info.kind import INFO
        from steps.priorities.kind import PRIORITIES
        from steps.questions.kind import QUESTIONS
        from steps.tracks.kind import TRACKS
        from steps.words.kind import WORDS

        _KINDS.update(
            (kind.name, kind) for kind in (WORDS, CARDS, TRACKS, QUESTIONS, PRIORITIES, DISCUSSION, INFO)
        )
    return _KINDS


def kind_of(step: Step) -> StepKind:
    return kinds()[step.kind]


def takes(step: Step, item: str) -> bool:
    """Whether phones may send `item` ("word", "card", "track", "vote") to the step."""
    return kind_of(step).accepts(step, item)


def taking(item: str) -> StepKind | None:
    """The kind that takes `item` ("word", "card", ...) from phones, if any does."""
    return next((kind for kind in kinds().values() if item in kind.inputs), None)
