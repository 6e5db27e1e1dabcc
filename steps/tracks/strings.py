"""What the tracks kind's scripts say, by screen: each page's translation block merges the
kinds' strings for its screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from facilitator.strings import plural

DOTS = plural("{count} dot", "{count} dots")

STRINGS = {
    "phone": {
        "label_track": _l("Propose a track to take forward"),
        "edit_track_label": _l("Change your proposal"),
        "no_tracks_left": _l("You have proposed all the tracks you can."),
        "remaining_tracks": _l("You can propose {count} more."),
        "voting_not_open": _l("Voting is not open right now."),
        "dots_left": _l("You have {left} of {dots} dots left. At most {max} on one track."),
        "no_tracks": _l("No tracks proposed yet."),
        "add_dot": _l("Add a dot"),
        "remove_dot": _l("Take a dot back"),
        "track_dots": _l("{count} of your dots"),
        "one_own_dot": _l("1 of your dots"),
        "budget_used": _l("You have used all your dots. Take one back from another track first."),
        "track_full": _l("This track already has as many of your dots as one track may have."),
    },
    "dashboard": {
        "new_track": _l("New track"),
        "track_actions": _l("Actions"),
        "no_tracks": _l("No tracks yet."),
        "tracks_summary": _l("{count} tracks, {voters} have voted"),
        "voting_open": _l("voting is open"),
        "open_voting": _l("Open voting"),
        "close_voting": _l("Close voting"),
        "reveal_results": _l("Reveal the result on the projector"),
        "hide_results": _l("Hide the result on the projector"),
        "rank_tied": _l("shared {rank}"),
        "dots_count": DOTS,
        "merge_track_into": _l("Merge into"),
        "choose_track": _l("Choose a track"),
        "tracks_merged": _l("“{text}” merged into “{target}”"),
    },
    "projector": {
        "rank_tied": _l("shared {rank}"),
        "dots_count": DOTS,
        "more_tracks": plural("And {count} more track.", "And {count} more tracks."),
        "results_hidden_voting": _l("Voting is open. The result is shown when voting is done."),
        "results_hidden": _l("The result is shown when the facilitator reveals it."),
    },
}
