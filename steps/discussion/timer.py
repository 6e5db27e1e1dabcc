"""A Discussion step while it runs: which question every screen shows, and its timer.

The timer lives on the server as two settings of the step: when it ends (ms since the
epoch) while it runs, or how much is left while it is stopped. Every screen computes
the time left from the end time and its own offset to the server's clock, so all show
the same second, and a screen that reconnects shows the right time at once.
"""

from __future__ import annotations

from models.agenda import set_step_setting, set_step_settings
from models.clock import now_ms
from models.errors import InvalidInput
from models.events import Event, lock_workshop
from models.session import DbSession
from models.workshops import Step
from steps.settings import DAY_MS, step_setting

MAX_EXTEND_SECONDS = 60 * 60


def _discussion(session: DbSession, step: Step) -> None:
    if step.kind != "discussion":
        raise InvalidInput(field="step_id")
    lock_workshop(session, step.workshop_id)


def show_question(session: DbSession, step: Step, index: object) -> Event:
    """Show one question on every screen (its index), or all of them (-1)."""
    _discussion(session, step)
    questions = step_setting(step, "questions")
    if not isinstance(index, int) or isinstance(index, bool) or not -1 <= index < len(questions):
        raise InvalidInput(field="question")
    return set_step_setting(session, step, "question", index)


def time_left_ms(step: Step, now: int) -> int:
    """What is left of the step's timer at `now`."""
    ends_at = step_setting(step, "timer_ends_at")
    if ends_at:
        return max(0, ends_at - now)
    left = step_setting(step, "timer_left_ms")
    return step_setting(step, "timer_minutes") * 60_000 if left < 0 else int(left)


def control_timer(session: DbSession, step: Step, action: object, seconds: object = 0) -> Event:
    """start · pause · extend (by `seconds`, also while stopped) · reset (to the step's time)."""
    _discussion(session, step)
    now = now_ms()
    left = time_left_ms(step, now)
    running = bool(step_setting(step, "timer_ends_at"))
    if action == "start":
        ends_at, left_ms = (step_setting(step, "timer_ends_at") if running else now + left), left
    elif action == "pause":
        ends_at, left_ms = 0, left
    elif action == "extend":
        if not isinstance(seconds, int) or isinstance(seconds, bool) or not 0 < seconds <= MAX_EXTEND_SECONDS:
            raise InvalidInput(field="seconds")
        left_ms = min(DAY_MS, left + seconds * 1000)
        ends_at = now + left_ms if running else 0
    elif action == "reset":
        ends_at, left_ms = 0, -1
    else:
        raise InvalidInput(field="action")
    return set_step_settings(session, step, timer_ends_at=ends_at, timer_left_ms=left_ms)
