"""Strings that more than one page's scripts use, given to templates as a global so
each page's translation block can include them."""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext as _nl

from models.clock import utcnow


class Plural(NamedTuple):
    """A string that counts, in its form for one and for more (Swedish and English have no
    other): a page's scripts and the exports take the form for one under "<key>_one"."""

    one: object
    other: object


def plural(singular: str, many: str) -> Plural:
    """A counting string ({count} in both forms), translated when the page is made."""
    return Plural(_nl(singular, many, 1), _nl(singular, many, 2))


def expanded(strings: dict[str, object]) -> dict[str, str]:
    """Strings translated now, each counting one as two keys: "<key>" and "<key>_one"."""
    out: dict[str, str] = {}
    for key, value in strings.items():
        if isinstance(value, Plural):
            out[key], out[f"{key}_one"] = str(value.other), str(value.one)
        else:
            out[key] = str(value)
    return out


CONNECTION_STRINGS = {
    "connected": _l("Connected"),
    "connecting": _l("Connecting…"),
    "reconnecting": _l("Reconnecting…"),
    "offline": _l("Offline"),
}
NOTES_STRINGS = {
    "notes": _l("Notes"),
    "note_category": _l("Category"),
    "note_text": _l("Note"),
    "add_note": _l("Add the note"),
    "note_added": _l("Note added"),
    "edit_note": _l("Change the note"),
    "edit": _l("Change"),
    "delete": _l("Delete"),
    "save": _l("Save"),
    "cancel": _l("Cancel"),
    "scribe": _l("Scribe"),
    "marked_highlights": _l("Marked as highlights on the boards ({count})"),
    "no_highlights": _l("Mark a word, a card or a track as a highlight and it is listed here."),
    "show_source": _l("Show where it is"),
}
BEHALF_STRINGS = {
    "behalf_heading": _l("Enter for a group"),
    "behalf_intro": _l(
        "Words, cards, tracks and questions from paper, or from people without a phone. "
        "They count like any other input and are marked as entered for the group."
    ),
    "behalf_no_step": _l("Input can be entered here while a words, cards, tracks or questions step is open."),
    "behalf_step": _l("Step"),
    "behalf_group": _l("Table group"),
    "behalf_no_group": _l("No group (people without a phone)"),
    "behalf_choose_group": _l("Choose the group…"),
    "behalf_group_needed": _l("Choose which group this is for, or “No group”."),
    "behalf_theme": _l("Theme"),
    "behalf_category": _l("Category"),
    "behalf_level": _l("Level"),
    "behalf_no_level": _l("No level"),
    "behalf_type": _l("Stakeholder type"),
    "behalf_no_type": _l("Not given"),
    "behalf_text": _l("Text"),
    "behalf_send": _l("Send for the group"),
    "behalf_sending": _l("Sending…"),
    "behalf_not_sent": _l("Not sent yet: the connection is down. Press Send again; nothing is sent twice."),
    "behalf_sent": _l("Sent for {group}"),
    "behalf_sent_list": _l("Entered from here"),
    "on_behalf": _l("entered for the group"),
}


def page_strings(strings: dict[str, object], *shared: dict[str, object]) -> dict[str, str]:
    """A page's translation block: its own strings and the shared ones, translated now."""
    merged: dict[str, object] = {}
    for part in (*shared, strings):
        merged.update(part)
    return expanded(merged)


REPORT_LABELS = {
    "draft": _l("DRAFT FOR FURTHER DEVELOPMENT"),
    "highlights": _l("Highlights of the day"),
    "words": _l("The participants' words"),
    "word_list": _l("the words and how many wrote them"),
    "tracks": _l("Interesting tracks for further development"),
    "participants": _l("Participants"),
    "unsorted": _l("Unsorted"),
    "continued": _l("cont."),
    "dots": _l("{count} votes"),
    "tied": _l("shared {rank}"),
    "rank_shared": _l("{rank} (shared)"),
    "rank": _l("Rank"),
    "track": _l("Track"),
    "questions": _l("Questions from the participants"),
    "question": _l("Question"),
    "questions_by_votes": _l("The questions by votes"),
    "answered": _l("answered"),
    "priorities": _l("Prioritisation"),
    "priority": _l("Option"),
    "priorities_by_votes": _l("The options by points"),
    "points": _l("Points"),
    "people": _l("Number"),
    "synthesis_priorities": _l("The priorities meeting by meeting"),
    "sheet_priorities": _l("Priorities per meeting"),
    "synthesis_placements": _l("The places meeting by meeting ({x} · {y})"),
    "sheet_placements": _l("Places per meeting"),
    "by_group": _l("{step}: by table group"),
    "by_type": _l("{step}: by stakeholder type"),
    "no_group": _l("Without a group"),
    "no_type": _l("No type given"),
    "matrix_chart": _l("The options on two scales"),
    "votes": _l("Votes"),
    "meeting": _l("Meeting"),
    "synthesis_themes_chart": _l("The themes meeting by meeting"),
    "synthesis_levels_chart": _l("The levels meeting by meeting"),
    "top_words": _l("The commonest words"),
    "tracks_by_votes": _l("The tracks by votes"),
    "cards_per_theme": _l("{step}: cards per theme"),
    "themes": _l("Themes"),
    "more_themes": _l("More themes"),
    "cloud_alt": _l("Word cloud. The commonest words and how many wrote them: {words}"),
    "anonymous_others": _l("and {count} more participants"),
    "stakeholders": _l("Participants by stakeholder type"),
    "anonymous_only": _l("Participants: {count}"),
    "series_subtitle": _l("A compilation of {count} meetings"),
    "synthesis_themes": _l("Themes of all meetings"),
    "synthesis_tracks": _l("Tracks of all meetings, by votes"),
    "synthesis_tracks_chart": _l("The tracks' votes in all meetings"),
    "synthesis_words": _l("Words of all meetings"),
    "synthesis_levels": _l("Cards per level"),
    "theme": _l("Theme"),
    "kit_question": _l("Question {number} of {count}"),
    "kit_minutes": _l("Time: {minutes} minutes"),
    "level": _l("Level"),
    "sheet_cards": _l("Cards"),
    "sheet_themes": _l("Themes per meeting"),
    "sheet_levels": _l("Levels per meeting"),
    "total": _l("Total"),
    "no_level": _l("No level"),
    "compilation": _l("Thematic compilation"),
    "method": _l("About the material"),
    "themes_and_levels": _l("Themes and levels"),
    "quotes_count": plural("{count} quote", "{count} quotes"),
    "date": _l("Date"),
    "place": _l("Place"),
    "participants_count": _l("Participants"),
    "cards_count": _l("Cards"),
    "yes": _l("yes"),
    "no": _l("no"),
    "sheet": _l("Input"),
    "column_step": _l("Step"),
    "column_kind": _l("Kind"),
    "column_text": _l("Text"),
    "column_category": _l("Category"),
    "column_theme": _l("Theme"),
    "column_parent_theme": _l("Overarching theme"),
    "column_group": _l("Table group"),
    "column_meeting": _l("Meeting"),
    "column_matched_theme": _l("Matched theme"),
    "column_stakeholder": _l("Stakeholder type"),
    "column_level": _l("Level"),
    "column_votes": _l("Votes"),
    "column_hidden": _l("Hidden"),
    "column_highlight": _l("Highlight"),
    "column_on_behalf": _l("Entered for the group"),
    "column_original": _l("Participant's original"),
    "column_curated": _l("Edited by"),
    "column_name": _l("Name"),
    "column_placement": _l("Placement"),
    "column_time": _l("Time (UTC)"),
    # What each row is, in the "Kind" column.
    "kind_word": _l("word"),
    "kind_card": _l("card"),
    "kind_track": _l("track"),
    "kind_question": _l("question"),
    "kind_priority": _l("points"),
    "kind_note": _l("note"),
}


def report_labels() -> dict[str, str]:
    """The words the exports add themselves, in the current language."""
    return expanded(REPORT_LABELS)


def import_mark() -> str:
    """What an imported workshop's title is followed by, so it is not taken for the original."""
    return gettext("(imported %(date)s)", date=utcnow().date().isoformat())
