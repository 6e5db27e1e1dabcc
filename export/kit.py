"""A discussion kit (seed 003: "Här kan ni ladda ned diskussionsfrågorna som
powerpointpresentation"): a discussion step's questions, each with its follow-up prompts,
as a small deck, and as a PDF (`export.report_html.write_kit_pdf`), that a team can use
without the app. Built from plain data, on the deck's template and layouts."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from export import slides
from export.deck import Deck, Options
from export.report import LABELS, Report
from export.slides import Item


@dataclass(frozen=True)
class KitQuestion:
    text: str
    prompts: list[str] = field(default_factory=list)  # the follow-up prompts under it


@dataclass(frozen=True)
class Kit:
    title: str  # the workshop's
    step: str  # the step's title
    prompt: str = ""  # the step's own introduction
    questions: list[KitQuestion] = field(default_factory=list)
    minutes: int = 0  # the time for each question, where the step has a timer
    date: str = ""
    place: str = ""
    organizer: str = ""
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    def label(self, key: str, **params: object) -> str:
        return (self.labels.get(key) or LABELS[key]).format(**params)

    def heading(self, number: int) -> str:
        """ "Fråga 2 av 4"."""
        return self.label("kit_question", number=number, count=len(self.questions))


def write_kit(kit: Kit, options: Options | None = None) -> bytes:
    """A title slide, the step as a divider with its introduction, then a slide per
    question: the question, its follow-up prompts under it, and the time for it."""
    options = replace(options or Options(), draft=False)
    report = Report(kit.title, kit.date, kit.place, kit.organizer, labels=kit.labels)
    deck = Deck(report, options)
    deck.title_slide()
    deck.divider(kit.step, kit.prompt)
    for number, question in enumerate(kit.questions, start=1):
        items = [Item(question.text, bold=True), *(Item(p, level=1) for p in question.prompts)]
        if kit.minutes:
            items.append(Item(kit.label("kit_minutes", minutes=kit.minutes)))
        deck.list_slides(kit.heading(number), items)
    slides.mark_language(deck.prs, options.lang)
    return slides.saved(deck.prs)
