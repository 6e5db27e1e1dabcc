"""Named domain errors. Operations raise them; views and socket handlers translate
them into a message in the user's language (see `webapp.errors`)."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A rule of the workshop was broken. `code` is stable and goes to clients."""

    code = "invalid"

    def __init__(self, **params: Any) -> None:
        super().__init__(f"{self.code} {params}" if params else self.code)
        self.params = params


class NotFound(DomainError):
    code = "not_found"


class PermissionDenied(DomainError):
    code = "forbidden"


class UnknownJoinCode(DomainError):
    code = "unknown_code"


class WorkshopEnded(DomainError):
    code = "workshop_ended"


class StepClosed(DomainError):
    code = "step_closed"


class WrongStepKind(DomainError):
    code = "wrong_step_kind"


class EmptyText(DomainError):
    code = "empty"


class TextTooLong(DomainError):
    """params: limit"""

    code = "too_long"


class LimitReached(DomainError):
    """params: limit"""

    code = "limit_reached"


class InvalidInput(DomainError):
    """params: field"""

    code = "invalid_input"


class AccountExists(DomainError):
    code = "account_exists"


class WeakPassword(DomainError):
    """params: min_length"""

    code = "weak_password"


class NothingToUndo(DomainError):
    code = "nothing_to_undo"


class WordHidden(DomainError):
    code = "word_hidden"


class LinkRevoked(DomainError):
    """A scribe's link was revoked while their page was open."""

    code = "link_revoked"


class OwnerOnly(DomainError):
    """Managing a workshop's facilitators is its owner's."""

    code = "owner_only"


class OwnerStays(DomainError):
    """The owner tried to leave without handing the workshop over."""

    code = "owner_stays"


class BuiltOnEarlierStep(DomainError):
    """params: step, base (titles): a step built on another's themes stays after it."""

    code = "built_on_earlier_step"


class ReopenFirst(DomainError):
    """A facilitator opened a step of an ended workshop."""

    code = "reopen_first"


class GroupNeedsDestination(DomainError):
    """params: name, people, inputs"""

    code = "group_needs_destination"


class GroupNameRequired(DomainError):
    """params: name (the group's name before it was emptied)"""

    code = "group_name_required"


class GroupHasScribe(DomainError):
    """params: name"""

    code = "group_has_scribe"


class DuplicateGroupName(DomainError):
    """params: name"""

    code = "duplicate_group_name"


class ThemeRequired(DomainError):
    code = "theme_required"


class ThemesFromEarlierStep(DomainError):
    code = "themes_from_earlier_step"


class TooDeep(DomainError):
    code = "too_deep"


class VotingClosed(DomainError):
    code = "voting_closed"


class PointsExceeded(DomainError):
    """params: limit"""

    code = "points_exceeded"


class BudgetExceeded(DomainError):
    """params: limit"""

    code = "budget_exceeded"


class TrackHasVotes(DomainError):
    code = "track_has_votes"


class QuestionHasVotes(DomainError):
    code = "question_has_votes"


class ConsentRequired(DomainError):
    code = "consent_required"


class UnknownAccount(DomainError):
    code = "unknown_account"


class LastFacilitator(DomainError):
    code = "last_facilitator"


class SlowDown(DomainError):
    """Too many events too fast from one phone (or one address): sent again shortly."""

    code = "slow_down"
