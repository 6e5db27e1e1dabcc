"""The discussion kit to download (`export.kit`): a discussion step's questions with their
follow-up prompts, as PPTX or PDF, for a team to use without the app."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.wrappers import Response

from export.deck import Options
from export.kit import Kit, KitQuestion, write_kit
from models.errors import NotFound
from models.workshops import Step
from steps.settings import step_setting


def add_kit_routes(bp: Blueprint) -> None:
    bp.add_url_rule(
        "/f/workshops/<int:workshop_id>/steps/<int:step_id>/kit.<any(pptx, pdf):extension>",
        "kit",
        login_required(kit),
    )


def step_kit(step: Step, labels: dict[str, str]) -> Kit:
    from steps.discussion.kind import question_prompts

    workshop = step.workshop
    prompts = question_prompts(step)
    return Kit(
        workshop.title,
        step.title,
        step.prompt,
        [KitQuestion(q, p) for q, p in zip(step_setting(step, "questions"), prompts, strict=True)],
        step_setting(step, "timer_minutes"),
        workshop.date.isoformat() if workshop.date else "",
        workshop.place,
        workshop.organizer,
        {**labels},
    )


def kit(workshop_id: int, step_id: int, extension: str) -> Response:
    from export.report_html import PdfUnavailable, write_kit_pdf
    from facilitator.access import download, own_step
    from facilitator.exports import PPTX_TYPE
    from facilitator.strings import report_labels

    step = own_step(workshop_id, step_id)
    if step.kind != "discussion":
        raise NotFound()
    lang = str(get_locale() or "sv")
    made = step_kit(step, report_labels())
    name = f"rundabord-{workshop_id}-{step.title}"
    if extension == "pptx":
        return download(write_kit(made, Options(lang=lang)), name, "pptx", PPTX_TYPE)
    try:
        return download(write_kit_pdf(made, lang), name, "pdf", "application/pdf")
    except PdfUnavailable:
        flash(_("PDF needs the Pango library on the server. Print the report page instead."), "error")
        return redirect(url_for("editor.edit_step", workshop_id=workshop_id, step_id=step_id))
