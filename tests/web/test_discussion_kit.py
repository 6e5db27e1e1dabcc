"""The discussion kit (seed 003): a discussion step's questions with their follow-up
prompts as a small deck and a PDF a team can use without the app, downloaded from the
step's page in the editor by its facilitators only."""

from __future__ import annotations

import io

from flask import Flask, g
from flask.testing import FlaskClient
from pptx import Presentation

from export.kit import Kit, KitQuestion, write_kit
from models import agenda
from models.accounts import Facilitator
from models.workshops import Workshop
from steps.discussion.kind import question_prompts
from tests.conftest import AuthActions
from webapp.extensions import db

PROMPTS = ["1: Vad fungerar redan?", "2) Vem bär frågan?", "Vad betyder det för er?", "9: Ingen sådan fråga"]


def test_follow_up_prompts_stand_under_their_question() -> None:
    kit = Kit(
        "Framtidens vårdkompetens",
        "Diskussion i grupp",
        "Diskutera en fråga i taget.",
        [KitQuestion("Vad behöver vi?", ["Vad fungerar redan?"]), KitQuestion("Vem gör vad?")],
        minutes=15,
        date="2026-11-07",
        place="Umeå",
    )
    deck = Presentation(io.BytesIO(write_kit(kit)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert titles == ["Framtidens vårdkompetens", "Diskussion i grupp", "Fråga 1 av 2", "Fråga 2 av 2"]
    question = deck.slides[2]
    texts = [
        p.text
        for sh in question.placeholders
        if sh != question.shapes.title
        for p in sh.text_frame.paragraphs
    ]
    assert texts[:3] == ["Vad behöver vi?", "Vad fungerar redan?", "Tid: 15 minuter"]


def test_the_kit_is_downloaded_by_the_steps_facilitators(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, other_facilitator: Facilitator
) -> None:
    step = workshop.steps[4]
    agenda.update_step(db.session, step, step.title, step.prompt, {**step.settings, "prompts": PROMPTS})
    assert question_prompts(step) == [
        ["Vad fungerar redan?", "Vad betyder det för er?"],
        ["Vem bär frågan?", "Vad betyder det för er?"],
        ["Vad betyder det för er?"],
        ["Vad betyder det för er?"],
    ]
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}")
    assert "Diskussionsunderlag (.pptx)" in page.text and "Följdfrågor" in page.text
    deck = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}/kit.pptx")
    assert deck.status_code == 200 and ".pptx" in deck.headers["Content-Disposition"]
    slides = Presentation(io.BytesIO(deck.data)).slides
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert titles[1:] == ["Slutdiskussion", *(f"Fråga {n} av 4" for n in range(1, 5))]
    pdf = client.get(f"/f/workshops/{workshop.id}/steps/{step.id}/kit.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    words = client.get(f"/f/workshops/{workshop.id}/steps/{workshop.steps[0].id}/kit.pptx")
    assert words.status_code == 404  # a step that is not a discussion has no kit
    other = app.test_client()
    g.pop("_login_user", None)
    AuthActions(other).login("annan@kommun.se")
    g.pop("_login_user", None)
    assert other.get(f"/f/workshops/{workshop.id}/steps/{step.id}/kit.pptx").status_code == 404
    g.pop("_login_user", None)
    assert app.test_client().get(f"/f/workshops/{workshop.id}/steps/{step.id}/kit.pdf").status_code in (
        302,
        401,
    )
