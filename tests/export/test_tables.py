"""Raw data in CSV and XLSX: every column, Swedish characters, and formula payloads kept
as plain text."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from export.report import Report, Row
from export.tables import write_csv, write_xlsx

PAYLOADS = ['=HYPERLINK("http://x","klicka")', "+1+1", "-2", "@SUM(A1)", "<b>Tillit</b>"]


def report() -> Report:
    rows = [
        Row(
            "Hinder och möjligheter",
            "card",
            "Öronmärkta resurser",
            category="Hinder",
            theme="Resurser",
            parent_theme="Styrning",
            group="Bord 2",
            stakeholder="Kommun",
            level="regional",
            highlight=True,
            name="Kim",
            time="2026-09-25T09:30:00+00:00",
        ),
        Row("Spår", "track", "Hur skapas tillit?", votes=7),
        *(Row("Ordet samverkan", "word", text, hidden=True) for text in PAYLOADS),
    ]
    return Report(title="Ledning & Styrning", rows=rows)


def test_csv_has_every_column_and_neutralises_formulas() -> None:
    data = write_csv(report())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == [
        "Steg",
        "Typ",
        "Text",
        "Kategori",
        "Tema",
        "Övergripande tema",
        "Bordsgrupp",
        "Aktörstyp",
        "Nivå",
        "Röster",
        "Placering",
        "Dold",
        "Highlight",
        "Inmatat för gruppen",
        "Deltagarens original",
        "Redigerat av",
        "Namn",
        "Tid (UTC)",
    ]
    assert rows[1] == [
        "Hinder och möjligheter",
        "kort",
        "Öronmärkta resurser",
        "Hinder",
        "Resurser",
        "Styrning",
        "Bord 2",
        "Kommun",
        "regional",
        "",
        "",
        "nej",
        "ja",
        "nej",
        "",
        "",
        "Kim",
        "2026-09-25T09:30:00+00:00",
    ]
    assert rows[2][9] == "7"
    assert [r[2] for r in rows[3:]] == ["'" + p for p in PAYLOADS[:4]] + ["<b>Tillit</b>"]


def test_xlsx_keeps_payloads_as_text_cells() -> None:
    sheet = load_workbook(io.BytesIO(write_xlsx(report()))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][2] == "Öronmärkta resurser" and values[1][11] == "nej" and values[2][9] == 7
    texts = [row[2] for row in sheet.iter_rows(min_row=4)]
    assert [c.value for c in texts] == PAYLOADS
    assert all(c.data_type == "s" for c in texts)  # no formula, whatever it begins with
