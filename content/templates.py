"""Workshop templates. *Samverkansdialog* follows seeds 002 and 004: words on
"samverkan", prerequisites clustered into themes, obstacles and opportunities per
theme, tracks for further development, and a final discussion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from models.accounts import Facilitator
from models.agenda import append_step, create_workshop
from models.errors import InvalidInput
from models.session import DbSession
from models.workshops import Workshop


@dataclass(frozen=True)
class StepTemplate:
    kind: str
    title: str
    prompt: str
    settings: dict[str, Any] = field(default_factory=dict)
    based_on_previous: bool = False


@dataclass(frozen=True)
class WorkshopTemplate:
    key: str
    title: str
    steps: tuple[StepTemplate, ...]


SAMVERKAN = WorkshopTemplate(
    key="samverkan",
    title="Samverkansdialog",
    steps=(
        StepTemplate(
            "words",
            "Ordet samverkan",
            "Vilka ord tänker du på när du hör samverkan?",
            {"max_words": 3},
        ),
        StepTemplate(
            "cards",
            "Förutsättningar",
            "Vilka grundläggande förutsättningar är betydelsefulla för en långsiktig samverkan?",
            {"categories": ["Förutsättningar"]},
        ),
        StepTemplate(
            "cards",
            "Hinder och möjligheter",
            "Vilka hinder och möjligheter ser ni för samverkan inom varje tema?",
            {"categories": ["Hinder", "Möjligheter"], "levels": True},
            based_on_previous=True,
        ),
        StepTemplate(
            "tracks",
            "Spår för vidareutveckling",
            "Vilka förslag och frågor ska vi ta vidare? Föreslå spår och fördela dina röster.",
            {"dots": 3, "max_per_track": 2},
        ),
        StepTemplate(
            "discussion",
            "Slutdiskussion",
            "Vad tar vi med oss från dagen?",
            {
                "questions": [
                    "Vad har gjort störst intryck på dig i dag?",
                    "Var finns kolliderande synsätt eller känsliga frågor som vi behöver hantera?",
                    "Vilka spår är viktigast att gå vidare med, och vem tar dem vidare?",
                    "Vem saknades i samtalet och bör bjudas in nästa gång?",
                ],
                "timer_minutes": 15,
            },
        ),
    ),
)

TEMPLATES: dict[str, WorkshopTemplate] = {SAMVERKAN.key: SAMVERKAN}


def create_from_template(
    session: DbSession,
    owner: Facilitator,
    key: str,
    title: str = "",
    date: dt.date | None = None,
    place: str = "",
    organizer: str = "",
) -> Workshop:
    """A new workshop whose agenda is the template's steps."""
    template = TEMPLATES.get(key)
    if template is None:
        raise InvalidInput(field="template")
    workshop = create_workshop(session, owner, title or template.title, date, place, organizer)
    previous = None
    for spec in template.steps:
        step = append_step(
            workshop,
            spec.kind,
            spec.title,
            spec.prompt,
            spec.settings,
            based_on_step_id=previous.id if spec.based_on_previous and previous else None,
        )
        session.flush()
        previous = step
    session.commit()
    return workshop
