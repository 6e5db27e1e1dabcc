"""Strings that more than one page's scripts use, given to templates as a global so
each page's translation block can include them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

BEHALF_STRINGS = {
    "behalf_heading": _l("Enter for a group"),
    "behalf_intro": _l(
        "Words, cards and tracks from paper, or from people without a phone. "
        "They count like any other input and are marked as entered for the group."
    ),
    "behalf_no_step": _l("Input can be entered here while a words, cards or tracks step is open."),
    "behalf_step": _l("Step"),
    "behalf_group": _l("Table group"),
    "behalf_no_group": _l("No group (people without a phone)"),
    "behalf_theme": _l("Theme"),
    "behalf_category": _l("Category"),
    "behalf_level": _l("Level"),
    "behalf_no_level": _l("No level"),
    "behalf_text": _l("Text"),
    "behalf_send": _l("Send for the group"),
    "behalf_sending": _l("Sending…"),
    "behalf_not_sent": _l("Not sent yet: the connection is down. Press Send again; nothing is sent twice."),
    "behalf_sent": _l("Sent for {group}"),
    "behalf_sent_list": _l("Entered from here"),
    "on_behalf": _l("entered for the group"),
    "level_lokal": _l("Local"),
    "level_delregional": _l("Sub-regional"),
    "level_regional": _l("Regional"),
    "level_nationell": _l("National"),
}


def page_strings(strings: dict[str, object], *shared: dict[str, object]) -> dict[str, str]:
    """A page's translation block: its own strings and the shared ones, translated now."""
    merged: dict[str, object] = {}
    for part in (*shared, strings):
        merged.update(part)
    return {key: str(value) for key, value in merged.items()}
