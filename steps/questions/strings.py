"""What the questions kind's scripts say, by screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from facilitator.strings import plural

UPVOTES = plural("{count} vote", "{count} votes")
MODERATED = _l("{hidden} hidden · {merged} merged")
PENDING = _l("{count} waiting for review")
ANSWERED = _l("Answered")

STRINGS = {
    "phone": {
        "label_question": _l("Your question or idea"),
        "edit_question_label": _l("Change your question"),
        "no_questions_left": _l("You have posted all the questions you can."),
        "remaining_questions": _l("You can post {count} more."),
        "no_questions": _l("No questions yet."),
        "upvote": _l("Vote up"),
        "upvote_named": _l("Vote up: {text}"),
        "upvotes_count": UPVOTES,
        "own_question": _l("Your question"),
        "answered_mark": ANSWERED,
        "pinned_mark": _l("On the big screen now"),
        "show_my_name": _l("Show my name ({name}) with the question"),
        "vote_instead": _l("Vote for it instead"),
        "voted_instead": _l(
            "You voted for it. Your text is still in the box, should you want to send it too."
        ),
        "moderated": MODERATED,
    },
    "dashboard": {
        "new_question": _l("New question"),
        "add_question": _l("Add question"),
        "no_questions": _l("No questions yet."),
        "questions_summary": plural("{count} question", "{count} questions"),
        "review_queue": _l("Waiting for review ({count})"),
        "pending_count": PENDING,
        "approve": _l("Approve"),
        "question_actions": _l("Actions"),
        "mark_answered": _l("Mark as answered"),
        "unmark_answered": _l("Not answered"),
        "pin": _l("Pin on the projector"),
        "unpin": _l("Unpin"),
        "correct": _l("Correct the text"),
        "question_text": _l("The question's text"),
        "written_as": _l("Written as: {text}"),
        "merge_question_into": _l("Merge into"),
        "choose_question": _l("Choose a question"),
        "questions_merged": _l("“{text}” merged into “{target}”"),
        "merged_count": plural("{count} merged into it", "{count} merged into it"),
        "upvotes_count": UPVOTES,
        "answered_mark": ANSWERED,
        "pinned_mark": _l("Pinned"),
        "hidden_mark": _l("Hidden"),
        "pending_mark": _l("Waiting for review"),
        "moderated": MODERATED,
    },
    "projector": {
        "upvotes_count": UPVOTES,
        "answered_mark": ANSWERED,
        "moderated": MODERATED,
        "pending_count": PENDING,
        "more_questions": plural("And {count} more question.", "And {count} more questions."),
    },
}
