"""What the prioritisation kind's scripts say, by screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from facilitator.strings import plural

POINTS = plural("{count} point", "{count} points")
RANK_TIED = _l("shared {rank}")
BENEFIT = _l("Benefit")
EFFORT = _l("Effort")
PLACED = _l("{count} have placed the options")

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
        "place_each": _l("Place each option from 1 (low) to 5 (high) on both: {x} and {y}."),
        "place_option": _l("Place it"),
        "unplace_option": _l("Take it off"),
        "scale_value": _l("{value} of 5"),
        "benefit": BENEFIT,
        "effort": EFFORT,
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
        "no_type": _l("No type given"),
        "compare_by": _l("Compare by"),
        "compare_groups": _l("Table groups"),
        "compare_types": _l("Stakeholder types"),
        "no_options": _l("List the options in the step's settings (Edit the agenda)."),
        "placed_summary": _l("{voters} have placed the options"),
        "placed_people": _l("Placed by"),
    },
    "projector": {
        "points_count": POINTS,
        "rank_tied": RANK_TIED,
        "voters_count": _l("{count} have given points"),
        "more_options": plural("And {count} more option.", "And {count} more options."),
        "placed_count": PLACED,
        "matrix_title": _l("The options by their mean place: {x} across, {y} up"),
        "not_placed": _l("not placed yet"),
    },
}
