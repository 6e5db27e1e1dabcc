"""What the words kind's scripts say, by screen: each page's translation block merges the
kinds' strings for its screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from facilitator.strings import plural

STRINGS = {
    "phone": {
        "edit_label": _l("Change your word"),
        "label_words": _l("Your word or short phrase"),
        "none_left": _l("You have sent all your words."),
    },
    "dashboard": {
        "entries": plural(
            "{count} entry, {distinct} different words", "{count} entries, {distinct} different words"
        ),
        "no_words": _l("No words yet."),
        "recount_hint": _l(
            "Rundabord now recognises more ways of writing the same word (e-tjänst, e tjänst, "
            "etjänst; LSS:are). This step's words were counted before: count them again to "
            "merge such words. Your merges, names and hidden words stay."
        ),
        "recount_words": _l("Count the words again"),
        "merge_selected": _l("Merge selected ({count})"),
        "merge_display": _l("Word to show for the merged words"),
        "manage": _l("Entries and tools"),
        "split": _l("Split again"),
        "approve": _l("Show anyway"),
        "held_heading": _l("Waiting for review ({count})"),
        "stop_word": _l("stop word"),
        "profanity": _l("possibly offensive"),
        "projector_list": _l("Projector: show as list"),
        "projector_cloud": _l("Projector: show as cloud"),
        "undo_merge": _l("Undo: merge into “{display}”"),
        "undo_rename": _l("Undo: rename to “{display}”"),
        "undo_split": _l("Undo: split “{display}”"),
        "undo_hide": _l("Undo: hide “{display}”"),
        "undo_unhide": _l("Undo: show “{display}” again"),
        "undo_highlight": _l("Undo: highlight “{display}”"),
        "undo_unhighlight": _l("Undo: remove highlight from “{display}”"),
        "undo_approve": plural(
            "Undo: let {count} held entry through", "Undo: let {count} held entries through"
        ),
    },
    "projector": {
        "show_list": _l("Show as list"),
        "show_cloud": _l("Show as cloud"),
    },
}
