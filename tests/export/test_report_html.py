"""The printable report and its PDF: the deck's parts in the same order, every text
escaped, and a PDF that WeasyPrint writes from the same page."""

from __future__ import annotations

import dataclasses
import io
import re

from export.report_html import PdfUnavailable, render_html, write_pdf
from tests.export.test_deck import PAYLOAD, report
from tests.support.pdfs import struct_nodes
from tests.support.required import missing


def headings(html: str) -> list[str]:
    return re.findall(r"<h2>(.*?)</h2>", html)


def test_the_page_has_the_decks_parts_in_order_and_escapes_everything() -> None:
    html = render_html(report(), "/f/report.css")
    assert headings(html) == [
        "Highlights från dagen",
        "Vilka ord tänker du på när du hör samverkan?",
        "Hinder och möjligheter",
        "Kolliderande synsätt och känsliga frågor",
        "Intressanta spår för vidareutveckling",
        "Skribenternas reflektioner",
        "Punkter från slutdiskussion",
        "Deltagare",
    ]
    assert "UTKAST FÖR VIDAREUTVECKLING" in html and 'href="/f/report.css"' in html
    assert PAYLOAD not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "<style" not in html and "<script" not in html  # the strict CSP allows neither inline
    assert '<th scope="col">Plats</th>' in html  # the ranking is a table with header cells
    assert "<td>Gemensam målbild</td>" in html and "<h4>Möjligheter</h4>" in html
    board = report().boards[0]
    one_sided = dataclasses.replace(
        board, themes=[dataclasses.replace(board.themes[0], cards=board.themes[0].cards[:1])]
    )
    assert "<h4>Möjligheter</h4>" not in render_html(report(boards=[one_sided]), "x.css")  # no empty side
    chosen = render_html(report(), "x.css", sections={"tracks"}, draft=False)
    assert headings(chosen) == ["Intressanta spår för vidareutveckling"] and "UTKAST" not in chosen
    empty = dataclasses.replace(report().tracks[0], tracks=[])  # a tracks step nobody proposed in
    without = headings(render_html(report(tracks=[empty]), "x.css"))
    assert "Intressanta spår för vidareutveckling" not in without


def test_the_pdf_is_written_from_the_same_page() -> None:
    try:
        pdf = write_pdf(report())
    except PdfUnavailable as error:
        missing(f"WeasyPrint cannot load Pango: {error}")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 5000
    # An accessible document: tagged, in Swedish, its title shown, its headings in the tree.
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "sv" and bool(root["/MarkInfo"]["/Marked"])
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert reader.metadata is not None and reader.metadata.title == "Ledning & Styrning i Samverkan"
    tags = {str(node["/S"]) for node in struct_nodes(pdf)}
    assert {"/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD"} <= tags, sorted(tags)


def test_the_pdfs_cloud_is_a_figure_with_alternative_text() -> None:
    from PIL import Image

    from export.report import ReportWord, WordsStep

    cloud = io.BytesIO()
    Image.new("RGB", (40, 20), "navy").save(cloud, format="PNG")
    words = WordsStep(
        "Ordet samverkan", "Vilka ord?", [ReportWord("Tillit", 12), ReportWord("Mod", 3)], cloud.getvalue()
    )
    try:
        pdf = write_pdf(report(words=[words]))
    except PdfUnavailable as error:
        missing(f"WeasyPrint cannot load Pango: {error}")
    figures = [str(node.get("/Alt", "")) for node in struct_nodes(pdf) if node.get("/S") == "/Figure"]
    assert figures and "Tillit" in figures[0], figures


def test_the_report_has_the_decks_charts_as_svg_with_text_escaped() -> None:
    from export.report import BoardStep, ReportCard, ReportTheme

    board = BoardStep(
        "Förutsättningar",
        "",
        ["Förutsättningar"],
        [
            ReportTheme(PAYLOAD, [ReportCard("a", "Förutsättningar")] * 3),
            ReportTheme("Tillit", [ReportCard("b", "Förutsättningar")]),
            ReportTheme("Resurser", [ReportCard("c", "Förutsättningar")] * 2),
        ],
    )
    html = render_html(report(boards=[board]), "x.css")
    assert html.count("<svg") == 2  # cards per theme, the tracks by votes (two words: no chart)
    assert (
        'aria-label="Förutsättningar: kort per tema"' in html and 'aria-label="Spåren efter röster"' in html
    )
    assert "1 (delad). Hur skapas tillit?" in html
    assert PAYLOAD not in html and "&lt;img src=x" in html  # a theme's name is text in the SVG too


def test_options_on_two_scales_are_numbered_and_drawn_as_the_decks_2_by_2() -> None:
    from export.report import MatrixItem, MatrixStep

    items = [
        MatrixItem(PAYLOAD, 4.5, 2.0, 2),
        MatrixItem("Mobila team", 2.0, 4.0, 3),
        MatrixItem("Ej", None, 3, 1),
    ]
    html = render_html(report(matrices=[MatrixStep("Vad först?", "", ("Nytta", "Insats"), items)]), "x.css")
    chart = html[html.index('aria-label="Alternativen på två skalor"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<circle") == 2  # the placed ones, at their mean places
    assert 'cx="350.0" cy="250.0"' in chart and 'cx="150.0" cy="90.0"' in chart
    assert "2. Mobila team 2.0 · 4.0" in chart and "(Nytta · Insats)" in chart  # its text alternative
    assert '<td class="rank">2</td><td>Mobila team</td>' in html  # the table numbers them alike
    assert PAYLOAD not in html and "&lt;img src=x" in chart


def test_options_placed_alike_share_one_label_on_the_2_by_2() -> None:
    """Two options at nearly the same place printed their numbers over each other; one
    label now carries both, and a label at the right edge stays inside the square."""
    from export.report import MatrixItem, MatrixStep

    items = [
        MatrixItem("Mobila team", 3.0, 3.0, 4),
        MatrixItem("Gemensam journal", 5.0, 1.0, 4),
        MatrixItem("Samordnad plan", 3.1, 2.9, 4),
    ]
    html = render_html(report(matrices=[MatrixStep("Vad först?", "", ("Nytta", "Insats"), items)]), "x.css")
    chart = html[html.index('aria-label="Alternativen på två skalor"') :]
    chart = chart[: chart.index("</svg>")]
    assert chart.count("<circle") == 3  # each at its own place
    assert '<text x="248.0" y="183.0" fill="#1E2A33">1, 3</text>' in chart  # beside the outer one
    assert '<text x="380.0" y="335.0" text-anchor="end" fill="#1E2A33">2</text>' in chart
    assert chart.count('fill="#1E2A33">1</text>') == 2  # the scales' own; none beside the first point
    assert "3. Samordnad plan 3.1 · 2.9" in chart  # named in the chart's text alternative
