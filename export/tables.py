"""The raw data as CSV and XLSX: one row per word, card, track and note, with its step,
category, theme, table group, level, votes, flags and time.

A cell a spreadsheet would run as a formula (it begins with = + - @, or a tab or carriage
return) is neutralised: in CSV with a leading apostrophe, the usual defence; in XLSX it
is stored as a string cell, which no spreadsheet evaluates, so the text stays exact.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from export.report import Report, Row, SeriesReport

COLUMNS = (
    ("step", "Steg"),
    ("kind", "Typ"),
    ("text", "Text"),
    ("category", "Kategori"),
    ("theme", "Tema"),
    ("parent_theme", "Övergripande tema"),
    ("group", "Bordsgrupp"),
    ("stakeholder", "Aktörstyp"),
    ("level", "Nivå"),
    ("votes", "Röster"),
    ("placement", "Placering"),
    ("hidden", "Dold"),
    ("highlight", "Highlight"),
    ("on_behalf", "Inmatat för gruppen"),
    ("original", "Deltagarens original"),
    ("curated", "Redigerat av"),
    ("name", "Namn"),
    ("time", "Tid (UTC)"),
)
# The series' columns beside those of one workshop (its meeting, the theme matched across).
SERIES_HEADERS = {"meeting": "Möte", "matched_theme": "Matchat tema"}
# What a row is, when the report brings no labels (scripts): Swedish, as the headers.
KINDS = {
    "word": "ord",
    "card": "kort",
    "track": "spår",
    "question": "fråga",
    "priority": "poäng",
    "note": "anteckning",
}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def _cells(row: Row, labels: dict[str, str]) -> list[object]:
    """The row's cells in the export's language: yes and no, and what the row is."""
    values: list[object] = []
    for name, _header in COLUMNS:
        value = getattr(row, name)
        if isinstance(value, bool):
            value = labels.get("yes", "ja") if value else labels.get("no", "nej")
        elif name == "kind":
            value = labels.get(f"kind_{value}", KINDS.get(value, value))
        values.append("" if value is None else value)
    return values


def headers(report: Report) -> list[str]:
    return [report.labels.get(f"column_{name}", header) for name, header in COLUMNS]


def write_csv(report: Report) -> bytes:
    """UTF-8 with a byte order mark and semicolons, as Swedish Excel opens it directly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(headers(report))
    for row in report.rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else v for v in _cells(row, report.labels)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(report: Report) -> bytes:
    book = Workbook()
    _sheet(
        book.active,
        report.labels.get("sheet", "Bidrag"),
        headers(report),
        [_cells(row, report.labels) for row in report.rows],
        [name for name, _ in COLUMNS],
    )
    return _saved(book)


def write_series_xlsx(series: SeriesReport) -> bytes:
    """A series' material for analysis: every card of every meeting with its meeting, its
    theme and the theme it was matched to across the meetings, its level and stakeholder
    type; then the themes and the levels meeting by meeting."""
    labels = series.labels
    names = ["meeting", *(name for name, _ in COLUMNS[:6]), "matched_theme", *(n for n, _ in COLUMNS[6:])]
    defaults = {**dict(COLUMNS), **SERIES_HEADERS}
    header = [labels.get(f"column_{name}", defaults[name]) for name in names]
    rows = []
    for number, (meeting, report) in enumerate(zip(series.meetings, series.reports, strict=True)):
        matched = {member: theme.name for theme in series.themes for member in theme.members[number]}
        for row in report.rows:
            if row.kind != "card":
                continue
            cells = _cells(row, labels)
            rows.append([meeting, *cells[:6], matched.get(row.theme, ""), *cells[6:]])
    book = Workbook()
    _sheet(book.active, series.label("sheet_cards"), header, rows, names)
    total = series.label("total")
    _sheet(
        book.create_sheet(),
        series.label("sheet_themes"),
        [series.label("theme"), *series.meetings, total],
        [[t.name, *t.cards, sum(t.cards)] for t in series.themes],
    )
    if series.levels:
        _sheet(
            book.create_sheet(),
            series.label("sheet_levels"),
            [series.label("level"), *series.meetings, total],
            [[level or series.label("no_level"), *counts, sum(counts)] for level, counts in series.levels],
        )
    if series.priorities:
        _sheet(
            book.create_sheet(),
            series.label("sheet_priorities"),
            [series.label("priority"), *series.meetings, total],
            [[text, *points, sum(points)] for text, points in series.priorities],
        )
    if series.placements:
        _sheet(
            book.create_sheet(),
            series.label("sheet_placements"),
            [series.label("priority"), *series.meetings],
            [[text, *places] for text, places in series.placements],
        )
    return _saved(book)


def _sheet(
    sheet: Any, title: str, header: list[str], rows: list[list[object]], names: Sequence[str] = ()
) -> None:
    """One sheet: its header frozen, text kept as text, the text column wide."""
    sheet.title = title[:31]  # Excel's limit for a sheet's name
    sheet.append(header)
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=number, column=column, value="" if value is None else value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it begins with
    sheet.freeze_panes = "A2"
    for column in range(1, len(header) + 1):
        wide = names[column - 1] == "text" if len(names) >= column else column == 1
        sheet.column_dimensions[get_column_letter(column)].width = 60 if wide else 18


def _saved(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
