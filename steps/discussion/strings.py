"""What the discussion kind's scripts say, by screen: each page's translation block merges the
kinds' strings for its screen (`StepKind.strings`)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STRINGS = {
    "phone": {
        "label_answer": _l("Your answer (optional)"),
        "edit_answer_label": _l("Change your answer"),
        "no_answers_left": _l("You have sent all your answers."),
        "choose_question": _l("Choose the question you are answering."),
    },
    "dashboard": {
        "time_left": _l("Time left"),
        "start_timer": _l("Start the timer"),
        "pause_timer": _l("Pause the timer"),
        "plus_one": _l("+1 minute"),
        "plus_five": _l("+5 minutes"),
        "reset_timer": _l("Reset the timer"),
        "questions": _l("Questions"),
        "answers_to": _l("Answers: {title}"),
        "show_all_questions": _l("Show all questions"),
        "show_question": _l("Show"),
    },
}
