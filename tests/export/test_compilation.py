"""The thematic compilation (export/compilation.py): every card quoted once, under its
theme and level in the list's order, highlighted cards first, the method facts and the
table of themes and levels first; as PPTX and as a tagged PDF."""

from __future__ import annotations

import io
import re

from pptx import Presentation

from export.compilation import compile_workshop, write_compilation
from export.report import BoardStep, ReportCard, ReportTheme
from export.report_html import PdfUnavailable, write_compilation_pdf
from tests.export.test_deck import PAYLOAD, report, slides, table
from tests.support.decks import fills
from tests.support.pdfs import struct_nodes
from tests.support.required import missing

CARDS = [
    ReportCard("Lokala avtal om hemsjukvård", "Förutsättningar", "Lokal"),
    ReportCard("Nationella riktlinjer för samverkan", "Förutsättningar", "Nationell"),
    ReportCard("En gemensam bild av målen", "Förutsättningar", None),
    ReportCard("Tydliga uppdrag till alla parter", "Förutsättningar", "Nationell", highlight=True),
    ReportCard(PAYLOAD, "Förutsättningar", "Nivåoberoende"),
]


def workshop_report() -> object:
    prerequisites = BoardStep(
        "Förutsättningar",
        "",
        ["Förutsättningar"],
        [ReportTheme("Mål", CARDS[:4], parent="Styrning"), ReportTheme("Tillit", CARDS[4:])],
        levels=["Nationell", "Lokal", "Nivåoberoende"],
    )
    obstacles = BoardStep(
        "Hinder och möjligheter",
        "",
        ["Hinder", "Möjligheter"],
        [
            ReportTheme(
                "Mål", [ReportCard("Olika mål hos huvudmännen", "Hinder", "Regional")], parent="Styrning"
            )
        ],
        side_by_side=True,
        levels=["Regional"],
    )
    levels = ["Nationell", "Regional", "Delregional", "Lokal", "Nivåoberoende"]  # the workshop's
    return report(boards=[prerequisites, obstacles], levels=levels)


def test_every_card_is_quoted_once_under_its_theme_and_level() -> None:
    compilation = compile_workshop(workshop_report())  # type: ignore[arg-type]
    assert compilation.levels == [
        "Nationell",
        "Regional",
        "Lokal",
        "Nivåoberoende",
    ]  # the list's order, in use
    deck = write_compilation(compilation)
    shown = slides(deck)
    titles = [title for title, _ in shown]
    assert titles[:3] == ["Ledning & Styrning i Samverkan", "Om underlaget", "Teman och nivåer"]
    assert titles[3:] == [
        "Styrning – Mål",  # a divider for each theme
        "Styrning – Mål: Nationell",
        "Styrning – Mål: Regional",
        "Styrning – Mål: Lokal",
        "Styrning – Mål: Ingen nivå",
        "Tillit",
        "Tillit: Nivåoberoende",
    ]
    quoted = {title: texts for title, texts in shown}
    assert quoted["Styrning – Mål: Nationell"] == [
        "”Tydliga uppdrag till alla parter”",  # highlighted: first
        "”Nationella riktlinjer för samverkan”",
    ]
    assert quoted["Styrning – Mål: Regional"] == ["”Olika mål hos huvudmännen” – Hinder"]  # its side named
    every = [text for _title, texts in shown[4:] for text in texts]
    for card in [*CARDS, ReportCard("Olika mål hos huvudmännen")]:
        assert sum(card.text in text for text in every) == 1, card.text
    assert table(deck, "Om underlaget") == [
        ["Möte", "Datum", "Plats", "Deltagare", "Kort"],
        ["Ledning & Styrning i Samverkan", "25 september 2026", "S:t Gertrud, Malmö", "42", "6"],
    ]
    assert table(deck, "Teman och nivåer") == [
        ["Tema", "Nationell", "Regional", "Lokal", "Nivåoberoende", "Ingen nivå", "Totalt"],
        ["Styrning – Mål", "2", "1", "1", "–", "1", "5"],
        ["Tillit", "–", "–", "–", "1", "–", "1"],
    ]
    assert [(title, fill) for title, fill in fills(deck) if fill < 0.25] == []
    presentation = Presentation(io.BytesIO(deck))
    assert presentation.slide_width * 9 == presentation.slide_height * 16  # Rundabord's template


def test_the_compilation_pdf_is_tagged_and_quotes_every_card_as_text() -> None:
    from pypdf import PdfReader

    compilation = compile_workshop(workshop_report())  # type: ignore[arg-type]
    try:
        pdf = write_compilation_pdf(compilation)
    except PdfUnavailable as error:
        missing(f"WeasyPrint cannot load Pango: {error}")
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and reader.metadata is not None
    assert reader.metadata.title == "Ledning & Styrning i Samverkan"
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    for card in CARDS[:4]:
        assert card.text in text
    assert "onerror" in text  # the payload is printed as text
    tags = {str(node["/S"]) for node in struct_nodes(pdf)}
    assert {"/H1", "/H2", "/H3", "/Table", "/TH", "/L", "/LI"} <= tags
