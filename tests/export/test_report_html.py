"""The printable report and its PDF: the deck's parts in the same order, every text
escaped, and a PDF that WeasyPrint writes from the same page."""

from __future__ import annotations

import re

from export.report_html import PdfUnavailable, render_html, write_pdf
from tests.export.test_deck import PAYLOAD, report
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
    chosen = render_html(report(), "x.css", sections={"tracks"}, draft=False)
    assert headings(chosen) == ["Intressanta spår för vidareutveckling"] and "UTKAST" not in chosen


def test_the_pdf_is_written_from_the_same_page() -> None:
    try:
        pdf = write_pdf(report())
    except PdfUnavailable as error:
        missing(f"WeasyPrint cannot load Pango: {error}")
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF") and len(pdf) > 5000
