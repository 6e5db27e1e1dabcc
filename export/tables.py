"""The raw data as CSV and XLSX: one row per word, card, track and note, with its step,
category, theme, table group, level, votes, flags and time.

A cell a spreadsheet would run as a formula (it begins with = + - @, or a tab or carriage
return) is neutralised: in CSV with a leading apostrophe, the usual defence; in XLSX it
is stored as a string cell, which no spreadsheet evaluates, so the text stays exact.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.utils import get_column_letter

from export.report import Report, Row

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
    ("hidden", "Dold"),
    ("highlight", "Highlight"),
    ("on_behalf", "Inmatat för gruppen"),
    ("original", "Deltagarens original"),
    ("curated", "Redigerat av"),
    ("name", "Namn"),
    ("time", "Tid (UTC)"),
)
# What a row is, when the report brings no labels (scripts): Swedish, as the headers.
KINDS = {"word": "ord", "card": "kort", "track": "spår", "note": "anteckning"}
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
    sheet = book.active
    sheet.title = report.labels.get("sheet", "Bidrag")
    sheet.append(headers(report))
    for number, row in enumerate(report.rows, start=2):
        for column, value in enumerate(_cells(row, report.labels), start=1):
            cell = sheet.cell(row=number, column=column, value=value)
            if isinstance(value, str):
                cell.data_type = TYPE_STRING  # never a formula, whatever it begins with
    sheet.freeze_panes = "A2"
    for column, (name, _header) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = 60 if name == "text" else 18
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
