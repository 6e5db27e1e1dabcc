"""What the cards kind's scripts say, by screen: each page's translation block merges the
kinds' strings for its screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from facilitator.strings import plural

STRINGS = {
    "phone": {
        "label_card": _l("Your card"),
        "edit_card_label": _l("Change your card"),
        "no_cards_left": _l("You have sent all your cards."),
        "choose_theme": _l("Choose the theme your card is about."),
        "choose_category": _l("Choose the kind of card first."),
        "theme_named": _l("Theme: {name}"),
    },
    "dashboard": {
        "unsorted": _l("Unsorted"),
        "no_cards": _l("No cards yet."),
        "cards_summary": _l("{count} cards, {themes} themes, {unsorted} unsorted"),
        "new_theme": _l("New theme"),
        "add_theme": _l("Add theme"),
        "suggest": _l("Suggest themes for unsorted cards"),
        "propose_themes": _l("Propose themes"),
        "proposing": _l("Looking for groups among the unsorted cards…"),
        "proposals_heading": _l("Proposed themes (nothing changes until you create one)"),
        "create_from_proposal": _l("Create the theme"),
        "proposal_name": _l("Name of the theme"),
        "dissolve_proposal": _l("Dissolve"),
        "proposal_dissolved": _l("Proposal “{name}” dissolved; its cards stay unsorted"),
        "proposal_accepted": _l("Theme “{name}” created with {count} cards"),
        "no_proposals": _l("No groups found among the unsorted cards."),
        "close_proposals": _l("Close the proposals"),
        "card_count": plural("{count} card", "{count} cards"),
        "filter_group": _l("Group"),
        "filter_category": _l("Category"),
        "filter_level": _l("Level"),
        "filter_all": _l("All"),
        "theme_tools": _l("Theme tools"),
        "merge_into": _l("Merge into"),
        "place_under": _l("Place under"),
        "place": _l("Place it"),
        "top_level": _l("(top level)"),
        "move_earlier": _l("Move earlier"),
        "move_later": _l("Move later"),
        "delete_theme": _l("Delete theme"),
        "move": _l("Move"),
        "move_to": _l("Move to"),
        "card_placed": _l("“{text}” is now number {place} of {count} in {theme}"),
        "board_keys": _l(
            "Keyboard on a card: Enter moves it to a theme, A accepts the suggested theme, S shows "
            "the next suggestion, a number (1 to 9, 0 for the tenth) moves it to the theme with "
            "that number, H hides it, * highlights it, L sets its level, . opens its actions, "
            "Alt+↑ and Alt+↓ "
            "change its place in the column. Space chooses a card, ↑ and ↓ go to the next, ← and → to "
            "the column beside, Shift+↑ "
            "and Shift+↓ choose as they go (or Ctrl and Shift with a click); the keys then act on "
            "all the chosen cards, and Escape lets them go. Ctrl+Z undoes your last change."
        ),
        "accept_many": _l("Accept suggestions…"),
        "accept_many_heading": _l("Accept the suggested themes"),
        "accept_which": _l("Which suggestions"),
        "accept_sure_help": _l(
            "A sure suggestion leads the next theme clearly; about nine sure suggestions in ten are "
            "right. Nothing changes until you accept, and Undo takes them all back at once."
        ),
        "accept_sure": _l("Only the sure suggestions ({count} cards)"),
        "accept_all": _l("All suggestions ({count} cards)"),
        "accept_none": _l("No cards to place."),
        "accept_count": _l("Accept {count} suggestions"),
        "rename_hint": _l(
            "Press the theme's name to rename it; drag a theme by its grip (⠿) onto another to merge them."
        ),
        "drag_to_merge": _l("Drag onto another theme to merge them"),
        "theme_merged": _l("“{name}” merged into “{into}”"),
        "selected": _l("chosen"),
        "cards_selected": plural("{count} card chosen", "{count} cards chosen"),
        "selection_cleared": _l("No card chosen"),
        "clear_selection": _l("Let go of the choice"),
        "accept_suggestions_count": _l("Accept their suggested themes ({count})"),
        "cards_moved": plural("{count} card moved to {theme}", "{count} cards moved to {theme}"),
        "cards_already_there": _l("The cards are already in {theme}"),
        "theme_key": _l("Key {key} moves a card here"),
        "suggestions_accepted": plural(
            "{count} card placed in its suggested theme", "{count} cards placed in their suggested themes"
        ),
        "undo_move_cards": _l("move {count} cards to {theme}"),
        "undo_accept_suggestions": _l("accept {count} suggested themes"),
        "undo_hide_cards_on": _l("hide {count} cards"),
        "undo_hide_cards_off": _l("show {count} cards again"),
        "undo_highlight_cards_on": _l("highlight {count} cards"),
        "undo_highlight_cards_off": _l("remove the highlight from {count} cards"),
        "set_level": _l("Level…"),
        "set_level_button": _l("Set the level"),
        "level_of_card": _l("Level"),
        "no_level": _l("No level"),
        "undo_set_level": _l("the level of “{text}”"),
        "undo_set_levels": _l("the level of {count} cards"),
        "level_set": _l("Level of {count} cards: {level}"),
        "card_actions": _l("Actions"),
        "edit_card": _l("Edit…"),
        "card_text": _l("The card's text"),
        "curation_hint": _l(
            "Correct, anonymise or shorten. The participant's own words are kept, and their phone "
            "still shows them."
        ),
        "writers_original": _l("The participant's original"),
        "restore_original": _l("Put the original back in the field"),
        "save_text": _l("Save the text"),
        "split_at_cursor": _l("Split at the cursor"),
        "split_where": _l("Put the cursor where the second card begins."),
        "text_needed": _l("Write something first."),
        "curated_by": _l("Last changed by {by}, {at}"),
        "edited_label": _l("edited"),
        "split_label": _l("split off"),
        "card_edited": _l("Card text saved"),
        "card_split": _l("Card split in two"),
        "undo_edit_card": _l("edit “{text}”"),
        "undo_split_card": _l("split “{text}”"),
        "find_card": _l("Find"),
        "theme_cards": _l("Cards in the theme"),
        "group_count": _l("{name} ({count})"),
        "suggestion_now": _l("Suggested theme: {theme}"),
        "board_undo": _l("Undo: {what}"),
        "board_undone": _l("Undone: {what}"),
        "undo_move_card": _l("move “{text}”"),
        "undo_hide_card_on": _l("hide “{text}”"),
        "undo_hide_card_off": _l("show “{text}” again"),
        "undo_highlight_card_on": _l("highlight “{text}”"),
        "undo_highlight_card_off": _l("remove highlight from “{text}”"),
        "undo_create_theme": _l("create theme “{name}”"),
        "undo_rename_theme": _l("rename “{name}”"),
        "undo_delete_theme": _l("delete theme “{name}”"),
        "undo_merge_theme": _l("merge “{name}”"),
        "undo_move_theme": _l("move theme “{name}”"),
        "accept_suggestion": _l("suggested theme"),
        "make_track": _l("Make a track"),
        "make_theme_track": _l("Make the theme a track"),
    },
    "projector": {
        "unsorted": _l("New cards"),
        "page": _l("Page {page} of {pages}"),
        "paused": _l("(paused: Space turns on)"),
    },
}
