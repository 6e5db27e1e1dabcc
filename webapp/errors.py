"""Error pages, and domain errors as messages in the user's language."""

from __future__ import annotations

from typing import Any

from flask import Flask, render_template
from flask_babel import gettext, lazy_gettext
from werkzeug.exceptions import HTTPException

from models.errors import DomainError

# One sentence per domain error code, shown on the phone or the facilitator's screen.
MESSAGES = {
    "invalid": lazy_gettext("That could not be saved. Please check what you entered."),
    "not_found": lazy_gettext("That no longer exists."),
    "forbidden": lazy_gettext("You are not allowed to do that."),
    "unknown_code": lazy_gettext(
        "There is no workshop with that code. Check the code on the screen and try again."
    ),
    "workshop_ended": lazy_gettext("This workshop has ended. Thank you for taking part!"),
    "step_closed": lazy_gettext("This step is closed. Your text was not sent."),
    "wrong_step_kind": lazy_gettext("This step does not take that kind of input."),
    "empty": lazy_gettext("Write something first."),
    "too_long": lazy_gettext("That is too long: at most %(limit)d characters."),
    "limit_reached": lazy_gettext("You have already sent %(limit)d. Withdraw one to send another."),
    "invalid_input": lazy_gettext("That could not be saved. Please check what you entered."),
    "account_exists": lazy_gettext("There is already an account with that e-mail address."),
    "weak_password": lazy_gettext("The password must be at least %(min_length)d characters long."),
    "not_joined": lazy_gettext("Join the workshop first."),
    "rate_limited": lazy_gettext("You are sending too fast. Wait a moment and try again."),
    "nothing_to_undo": lazy_gettext("There is nothing left to undo."),
    "word_hidden": lazy_gettext("The facilitator has hidden this word."),
    "link_revoked": lazy_gettext("The link has been revoked. Ask the facilitator for a new link."),
    "owner_only": lazy_gettext("Only the workshop's owner can change who runs it."),
    "owner_only_delete": lazy_gettext("Only the workshop's owner can delete it."),
    "owner_stays": lazy_gettext(
        "You own this workshop. Make another facilitator the owner before you leave it."
    ),
    "built_on_earlier_step": lazy_gettext(
        "“%(step)s” is built on the themes of “%(base)s”, so it must come after it. Move "
        "“%(base)s” first, or choose another step to build on in the settings of “%(step)s”."
    ),
    "reopen_first": lazy_gettext("The workshop has ended. Reopen it before opening a step."),
    "group_needs_destination": lazy_gettext(
        "Choose where the participants and input of “%(name)s” go before removing it "
        "(participants: %(people)d, input: %(inputs)d)."
    ),
    "group_name_required": lazy_gettext("A group needs a name. To remove “%(name)s”, tick Remove instead."),
    "group_has_scribe": lazy_gettext(
        "“%(name)s” has a scribe. Choose another group to move to, or revoke the scribe's link first."
    ),
    "duplicate_group_name": lazy_gettext("There are two groups called “%(name)s”. Give each its own name."),
    "theme_required": lazy_gettext("Choose the theme your card is about."),
    "levels_invalid": lazy_gettext(
        "Write the levels one per line: at least one and at most %(count)d, each at most "
        "%(length)d characters."
    ),
    "results_not_published": lazy_gettext("The results of this workshop are not published (or no longer)."),
    "results_until_invalid": lazy_gettext("Choose a last day from today and at most %(days)d days ahead."),
    "unknown_level": lazy_gettext("That level is no longer on the workshop's list. Choose another."),
    "stakeholder_types_invalid": lazy_gettext(
        "Write the stakeholder types one per line: at most %(count)d, each at most %(length)d characters."
    ),
    "unknown_stakeholder_type": lazy_gettext(
        "That stakeholder type is not on the workshop's list. Choose another."
    ),
    "import_too_big": lazy_gettext("The file is larger than %(limit)d MB."),
    "import_not_a_table": lazy_gettext(
        "The file could not be read. Save it as CSV or Excel (.xlsx) and try again."
    ),
    "import_empty": lazy_gettext("There is nothing to import: paste some lines or choose a file with rows."),
    "import_no_text_column": lazy_gettext(
        "The first row must name the columns, one of them “text” (or “kort”) with the cards' texts."
    ),
    "import_too_many_rows": lazy_gettext("At most %(limit)d cards can be imported at a time."),
    "import_not_a_cards_step": lazy_gettext("Cards can be imported only into a step that takes cards."),
    "import_category": lazy_gettext("“%(category)s” is not a category of this step (%(categories)s)."),
    "import_parent_without_theme": lazy_gettext("A parent theme needs a theme under it."),
    "import_name_too_long": lazy_gettext("“%(name)s…” is too long: at most %(limit)d characters."),
    "import_theme_elsewhere": lazy_gettext("The theme “%(theme)s” is already under “%(parent)s”."),
    "import_unknown_theme": lazy_gettext(
        "This step uses the themes of an earlier step, which has no theme “%(theme)s”."
    ),
    "import_too_many_levels": lazy_gettext("The workshop would have more than %(limit)d levels."),
    "import_too_many_groups": lazy_gettext("The workshop would have more than %(limit)d table groups."),
    "import_too_many_types": lazy_gettext("The workshop would have more than %(limit)d stakeholder types."),
    "import_refused": lazy_gettext(
        "Nothing was imported: %(count)d rows cannot be. Correct them and try again."
    ),
    "themes_from_earlier_step": lazy_gettext(
        "This step uses the themes of an earlier step: change them on that step's board."
    ),
    "too_deep": lazy_gettext(
        "Themes nest to three levels (dimension, theme, sub-theme), and never under one of their own."
    ),
    "voting_closed": lazy_gettext("Voting is not open right now."),
    "consent_required": lazy_gettext(
        "Tick the box to be on the participant list, or leave name, role and organisation empty."
    ),
    "points_exceeded": lazy_gettext(
        "You have %(limit)d points in all. Take points off another option to put them here."
    ),
    "budget_exceeded": lazy_gettext(
        "You have %(limit)d dots in all. Take a dot off another track to place it here."
    ),
    "track_has_votes": lazy_gettext("People have voted on this track, so it can no longer be changed."),
    "question_has_votes": lazy_gettext(
        "Others have voted for this question, so it can no longer be changed. You can still withdraw it."
    ),
    "unknown_account": lazy_gettext(
        "There is no account with that e-mail address. Ask them to create one first."
    ),
    "last_facilitator": lazy_gettext("A workshop needs at least one facilitator."),
    "slow_down": lazy_gettext("You are sending faster than the server takes it. It goes again in a moment."),
}


def message_for(code: str, **params: Any) -> str:
    template = MESSAGES.get(code, MESSAGES["invalid"])
    try:
        return str(template) % params if params else str(template)
    except (KeyError, TypeError, ValueError):
        return str(MESSAGES["invalid"])


def error_ack(error: DomainError) -> dict[str, Any]:
    """The acknowledgement a socket handler returns for a broken rule."""
    return {"ok": False, "error": error.code, "message": message_for(error.code, **error.params)}


def register_errorhandlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def domain_error(error: DomainError) -> tuple[str, int]:
        status = {"not_found": 404, "forbidden": 403, "link_revoked": 410}.get(error.code, 400)
        return render_template(
            "error.html", status=status, message=message_for(error.code, **error.params)
        ), status

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> tuple[str, int]:
        status = error.code or 500
        return render_template("error.html", status=status, message=_http_message(status)), status


def _http_message(status: int) -> str:
    return {
        400: gettext("The request could not be understood. Reload the page and try again."),
        403: gettext("You are not allowed to see this page."),
        404: gettext("The page could not be found."),
        405: gettext("That action is not possible here."),
        413: gettext("That was too large to send."),
        429: gettext("Too many attempts. Wait a minute and try again."),
    }.get(status, gettext("Something went wrong on the server. Nothing you sent is lost; try again."))
