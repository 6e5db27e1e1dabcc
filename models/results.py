"""The results page for participants: after the workshop, or after any step, the
facilitator publishes a read-only page at the join address (the same QR code) with the
parts they choose (the cloud, the themes with their cards, the ranked tracks) and a short
summary. Off by default; published until a date the facilitator sets, never longer than
`MAX_DAYS`. A phone that took part sees its own cards and tracks marked as its own;
nobody else's authorship is shown."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from models.clock import utcnow
from models.errors import DomainError, TextTooLong

if TYPE_CHECKING:
    from models.session import DbSession
    from models.workshops import Workshop

PARTS = ("words", "themes", "tracks")
MAX_DAYS = 366
MAX_SUMMARY_LENGTH = 3000


class ResultsUntilInvalid(DomainError):
    """params: days"""

    code = "results_until_invalid"


def results_parts(workshop: Workshop) -> list[str]:
    chosen = {line.strip() for line in (workshop.results_parts or "").splitlines()}
    return [part for part in PARTS if part in chosen]


def results_open(workshop: Workshop, today: dt.date | None = None) -> bool:
    """Whether the page is published today (it is, through its last day)."""
    today = today or utcnow().date()
    return workshop.results_until is not None and today <= workshop.results_until


def publish_results(
    session: DbSession,
    workshop: Workshop,
    until: dt.date | None,
    parts: list[str],
    summary: str,
    today: dt.date | None = None,
) -> None:
    """Publish the page until `until` (None: take it down) with these parts and summary."""
    today = today or utcnow().date()
    if until is not None and not today <= until <= today + dt.timedelta(days=MAX_DAYS):
        raise ResultsUntilInvalid(days=MAX_DAYS)
    text = "\n".join(line.rstrip() for line in summary.strip().splitlines())
    if len(text) > MAX_SUMMARY_LENGTH:
        raise TextTooLong(limit=MAX_SUMMARY_LENGTH)
    workshop.results_until = until
    workshop.results_parts = "\n".join(part for part in PARTS if part in parts)
    workshop.results_summary = text
    session.commit()
