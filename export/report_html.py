"""The printable report: the deck's content as one HTML page with print styles (A4), and
the same page as PDF (WeasyPrint). Rendered with a Jinja environment of its own, with
autoescaping, so a participant's markup stays text here as everywhere."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from export.charts import (
    series_track_bars,
    svg_bars,
    svg_points,
    theme_bars,
    top_words,
    track_bars,
    word_bars,
)
from export.compilation import Compilation, level_table, method_table, quote_line
from export.deck import SECTIONS
from export.kit import Kit
from export.report import Report, SeriesReport

HERE = Path(__file__).parent
STYLESHEET = HERE / "report.css"
_environment = Environment(
    loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True), trim_blocks=True
)


class PdfUnavailable(RuntimeError):
    """WeasyPrint's system libraries (Pango) are missing on this machine."""


def sections_in_order(report: Report, wanted: set[str]) -> list[dict[str, Any]]:
    """The report's parts in the deck's order (seed 002), as the template draws them."""
    notes = list(report.notes)
    first = notes.pop(0) if notes else None
    second = notes.pop(0) if notes else None
    parts: list[dict[str, Any]] = []
    if "highlights" in wanted:
        items = [*report.highlights, *(first[1] if first else [])]
        parts.append(
            {"section": "list", "title": first[0] if first else report.label("highlights"), "items": items}
        )
    if "words" in wanted:
        parts += [
            {
                "section": "cloud",
                "step": step,
                "cloud": data_uri(step.cloud_png),
                "alt": report.label("cloud_alt", words=top_words(step)),
                "bars": svg_bars(word_bars(step)),
                "bars_title": report.label("top_words"),
            }
            for step in report.words
            if step.words
        ]
    if "themes" in wanted:
        parts += [
            {
                "section": "board",
                "board": board,
                "bars": svg_bars(theme_bars(board)),
                "bars_title": report.label("cards_per_theme", step=board.title),
            }
            for board in report.boards
        ]
    if "notes" in wanted and second:
        parts.append({"section": "list", "title": second[0], "items": second[1]})
    if "tracks" in wanted:
        rank = lambda t: report.label("rank_shared", rank=t.rank) if t.tied else str(t.rank)  # noqa: E731
        parts += [
            {
                "section": "ranking",
                "step": step,
                "bars": svg_bars(track_bars(step.tracks, rank)),
                "bars_title": report.label(step.chart),
            }
            for step in report.tracks
            if step.tracks  # as in the deck: a part with nothing in it is left out
        ]
        parts += [
            {
                "section": "matrix",
                "step": matrix,
                "points": svg_points(matrix),
                "title": report.label("matrix_chart"),
            }
            for matrix in report.matrices
        ]
        parts += [
            {"section": "comparison", "comparison": comparison}
            for comparisons in [
                *(t.comparisons for t in report.tracks),
                *(m.comparisons for m in report.matrices),
            ]
            for comparison in comparisons
        ]
    if "notes" in wanted:
        parts += [{"section": "list", "title": category, "items": texts} for category, texts in notes]
    if "participants" in wanted and (report.participants or report.anonymous_participants):
        parts.append({"section": "participants"})
    return [p for p in parts if p["section"] != "list" or p["items"]]


def data_uri(png: bytes | None) -> str | None:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii") if png else None


def render_html(
    report: Report,
    stylesheet_href: str,
    sections: set[str] | None = None,
    draft: bool = True,
    lang: str = "sv",
) -> str:
    wanted = set(SECTIONS) if sections is None else sections
    return _environment.get_template("report.html").render(
        report=report,
        parts=sections_in_order(report, wanted),
        title_page="title" in wanted,
        draft=draft,
        stylesheet=stylesheet_href,
        lang=lang,
    )


def write_pdf(
    report: Report, sections: set[str] | None = None, draft: bool = True, lang: str = "sv"
) -> bytes:
    return _pdf(render_html(report, STYLESHEET.as_uri(), sections, draft, lang))


def render_compilation_html(compilation: Compilation, stylesheet_href: str, lang: str = "sv") -> str:
    """The thematic compilation as one page (export/compilation.py), for the PDF."""
    return _environment.get_template("compilation.html").render(
        compilation=compilation,
        method=method_table(compilation),
        levels=level_table(compilation),
        quote_line=quote_line,
        stylesheet=stylesheet_href,
        lang=lang,
    )


def write_compilation_pdf(compilation: Compilation, lang: str = "sv") -> bytes:
    return _pdf(render_compilation_html(compilation, STYLESHEET.as_uri(), lang))


def render_series_html(series: SeriesReport, stylesheet_href: str, lang: str = "sv") -> str:
    """A series as one document: the synthesis across the meetings (themes and levels
    meeting by meeting, the words, the tracks ranked), then each meeting's report."""
    label = series.label
    rank = lambda t: label("rank_shared", rank=t.rank) if t.tied else str(t.rank)  # noqa: E731
    themes = [[t.name, *(str(c) if c else "–" for c in t.cards), str(sum(t.cards))] for t in series.themes]
    levels = [
        [level or label("no_level"), *(str(c) if c else "–" for c in counts), str(sum(counts))]
        for level, counts in series.levels
    ]
    bars = series_track_bars(series.tracks, rank)
    wanted = set(SECTIONS) - {"title"}
    return _environment.get_template("series.html").render(
        series=series,
        themes=([label("theme"), *series.meetings, label("total")], themes),
        levels=([" ", *series.meetings, label("total")], levels) if levels else None,
        priorities=(
            [label("priority"), *series.meetings, label("total")],
            [[text, *map(str, points), str(sum(points))] for text, points in series.priorities],
        ),
        placements=(
            [label("priority"), *series.meetings],
            [[text, *places] for text, places in series.placements],
        ),
        placements_title=label("synthesis_placements", x=series.axes[0], y=series.axes[1]),
        tracks=(
            [label("rank"), label("track"), label("meeting"), label("votes")],
            [[rank(t), t.text, t.meeting, str(t.dots)] for t in series.tracks],
        ),
        tracks_chart={"bars": svg_bars(bars), "bars_title": label("synthesis_tracks_chart")},
        cloud=data_uri(series.words.cloud_png) if series.words else None,
        cloud_alt=label("cloud_alt", words=top_words(series.words)) if series.words else "",
        meetings=[
            (name, report, sections_in_order(report, wanted))
            for name, report in zip(series.meetings, series.reports, strict=True)
        ],
        stylesheet=stylesheet_href,
        lang=lang,
    )


def write_series_pdf(series: SeriesReport, lang: str = "sv") -> bytes:
    return _pdf(render_series_html(series, STYLESHEET.as_uri(), lang))


def write_kit_pdf(kit: Kit, lang: str = "sv") -> bytes:
    """The discussion kit (export/kit.py) as a PDF: a page per question."""
    html = _environment.get_template("kit.html").render(kit=kit, stylesheet=STYLESHEET.as_uri(), lang=lang)
    return _pdf(html)


def _pdf(html: str) -> bytes:
    try:
        from weasyprint import HTML
    except OSError as error:  # the Python package is there, Pango is not
        raise PdfUnavailable(str(error)) from None
    # PDF/UA-1: tagged (headings, lists, tables and images in the structure tree), with the
    # document's language and its title shown as the window title, as public bodies must
    # publish their documents (lagen om tillgänglighet till digital offentlig service).
    return bytes(HTML(string=html, base_url=str(HERE)).write_pdf(pdf_variant="pdf/ua-1"))
