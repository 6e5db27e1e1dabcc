"""What the prioritisation kind's scripts say, by screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

POINTS = _l("{count} points")
RANK_TIED = _l("shared {rank}")

STRINGS = {
    "phone": {
        "points_left": _l("You have {left} of {budget} points left."),
        "points_all_used": _l(
            "You have used all {budget} points. Take some off another option to move them."
        ),
        "points_for": _l("Points for: {option}"),
        "more_points": _l("10 more points: {option}"),
        "fewer_points": _l("10 fewer points: {option}"),
        "no_options": _l("The facilitator has not listed any options yet."),
    },
    "dashboard": {
        "priorities_summary": _l("{voters} have given points"),
        "points_count": POINTS,
        "rank_tied": RANK_TIED,
        "option": _l("Option"),
        "points_total": _l("Points in all"),
        "rank": _l("Rank"),
        "people_count": _l("{count} gave points"),
        "no_group": _l("Without a group"),
        "no_options": _l("List the options in the step's settings (Edit the agenda)."),
    },
    "projector": {
        "points_count": POINTS,
        "rank_tied": RANK_TIED,
        "voters_count": _l("{count} have given points"),
        "more_options": _l("And {count} more options."),
    },
}
