"""Cards imported into a step (steps/cards/importing.py): pasted lines, CSV and XLSX with
their headings, themes under their dimensions, levels and table groups made as needed,
and a file with any bad row making nothing, each bad row named by its line."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.groups import groups_of
from models.levels import levels_of
from models.stakeholders import stakeholder_types_of
from models.workshops import Step, Workshop
from readers.workshop_report import workshop_report
from steps.cards import board
from steps.cards.cards import Card, Theme, cards_of, themes_of
from steps.cards.importing import apply_import, plan_import, read_file, read_pasted
from webapp.extensions import db

CSV = """text;tema;övertema;nivå;grupp;aktörstyp
Gemensamma mål i nämnderna;Mål;Styrning;Nationell;Bord 1;Region
"Budget; över huvudmännens gränser";Resurser;;Kommun;Pappersbord;kommun
En väg in för medarbetare;Mål;Styrning;;;Kommun
"""


def counts(workshop: Workshop) -> tuple[int, int, int, list[str]]:
    return (
        db.session.query(Card).filter_by(workshop_id=workshop.id).count(),
        db.session.query(Theme).filter_by(workshop_id=workshop.id).count(),
        len(groups_of(db.session, workshop.id)),
        levels_of(workshop),
    )


def test_pasted_lines_are_one_card_each_entered_for_people_without_a_phone(workshop: Workshop) -> None:
    step = workshop.steps[1]  # Förutsättningar: closed, the day is over
    plan = plan_import(db.session, step, read_pasted("Tillit mellan huvudmännen\n\n  Gemensam budget  \r\n"))
    assert [(row.line, row.text) for row in plan.rows] == [
        (1, "Tillit mellan huvudmännen"),
        (3, "Gemensam budget"),
    ]
    assert plan.problems == [] and plan.new_themes == plan.new_levels == plan.new_groups == []
    events = apply_import(db.session, step, plan)
    [event] = events  # no theme made: the cards alone
    assert [c["text"] for c in event.message(Role.FACILITATOR)["cards"]] == [r.text for r in plan.rows]
    cards = cards_of(db.session, step.id)
    assert [c.text for c in cards] == ["Tillit mellan huvudmännen", "Gemensam budget"]
    assert all(c.theme_id is None and c.category == "Förutsättningar" and c.group_id is None for c in cards)
    assert event.message(Role.FACILITATOR)["cards"][0]["participant"]["on_behalf"] is True


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_file_makes_its_themes_levels_and_groups_and_places_every_card(
    workshop: Workshop, kind: str
) -> None:
    step = workshop.steps[1]
    agenda.set_step_setting(db.session, step, "levels", True)
    if kind == "csv":
        data, name = CSV.encode("utf-8-sig"), "kort.csv"
    else:
        book = Workbook()
        for line in CSV.strip().splitlines():
            book.active.append(next(csv.reader([line], delimiter=";")))
        buffer = io.BytesIO()
        book.save(buffer)
        data, name = buffer.getvalue(), "kort.xlsx"
    plan = plan_import(db.session, step, read_file(name, data))
    assert plan.problems == []
    assert plan.new_themes == [("", "Styrning"), ("", "Resurser"), ("Styrning", "Mål")]  # dimensions first
    assert plan.new_levels == ["Kommun"] and plan.new_groups == ["Bord 1", "Pappersbord"]
    assert plan.new_types == ["Region", "kommun"]  # made once each, as first written
    events = apply_import(db.session, step, plan)
    lists = events[0].message(Role.PARTICIPANT)["workshop"]  # phones get the longer lists at once
    assert lists["levels"][-1] == "Kommun" and lists["stakeholder_types"] == ["Region", "kommun"]
    assert stakeholder_types_of(workshop) == ["Region", "kommun"]
    themes = {t.name: t for t in themes_of(db.session, step)}
    assert themes["Mål"].parent_id == themes["Styrning"].id and themes["Resurser"].parent_id is None
    assert levels_of(workshop)[-1] == "Kommun"  # after the workshop's own
    report = workshop_report(db.session, workshop.id)
    [imported] = [b for b in report.boards if b.title == step.title]
    by_theme = {t.name: [(c.text, c.level) for c in t.cards] for t in imported.themes}
    assert by_theme == {
        "Mål": [("Gemensamma mål i nämnderna", "Nationell"), ("En väg in för medarbetare", None)],
        "Resurser": [("Budget; över huvudmännens gränser", "Kommun")],
    }
    types = {r.text: r.stakeholder for r in report.rows if r.kind == "card"}
    assert types["En väg in för medarbetare"] == "kommun" and types["Gemensamma mål i nämnderna"] == "Region"
    groups = {g.name: g.id for g in groups_of(db.session, workshop.id)}
    card = next(c for c in cards_of(db.session, step.id) if c.text.startswith("Budget"))
    assert card.group_id == groups["Pappersbord"]
    # The same file again: the themes, level and groups exist now, only cards are added.
    again = plan_import(db.session, step, read_file(name, data))
    assert again.new_themes == again.new_levels == again.new_groups == again.new_types == []
    assert len(again.rows) == 3


def test_any_bad_row_makes_nothing_and_each_is_named_by_its_line(workshop: Workshop) -> None:
    step = workshop.steps[1]
    board.create_theme(db.session, step, "Tillit")
    before = counts(workshop)
    rows = (
        "text,theme,parent_theme,category,level\n"
        "Ett bra kort,Mål,,,\n"  # line 2: fine
        ",Mål,,,\n"  # line 3: no text
        f"{'x' * 281},,,,\n"  # line 4: longer than the step's cards
        "Kort,,,Hinder,\n"  # line 5: not a category of the step
        "Kort,Mål,Styrning,,\n"  # line 6: Mål is already at the top (line 2)
        "Kort,,Styrning,,\n"  # line 7: a parent without a theme
        f"Kort,,,,{'n' * 61}\n"  # line 8: a level too long
    )
    plan = plan_import(db.session, step, read_file("kort.csv", rows.encode()))
    assert [(p.line, p.code) for p in plan.problems] == [
        (3, "empty"),
        (4, "too_long"),
        (5, "import_category"),
        (6, "import_theme_elsewhere"),
        (7, "import_parent_without_theme"),
        (8, "import_name_too_long"),
    ]
    assert [row.line for row in plan.rows] == [2]
    with pytest.raises(DomainError) as error:
        apply_import(db.session, step, plan)
    assert error.value.code == "import_refused" and error.value.params == {"count": 6}
    db.session.rollback()
    assert counts(workshop) == before
    # A step built on an earlier step's themes takes only those themes.
    obstacles = workshop.steps[2]
    plan = plan_import(
        db.session,
        obstacles,
        read_file("k.csv", b"text,theme,category\nOlika m\xc3\xa5l,Tillit,Hinder\nX,Nytt,Hinder\n"),
    )
    assert [(p.line, p.code) for p in plan.problems] == [(3, "import_unknown_theme")]


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("kort.csv", b"tema;niv\xc3\xa5\nMal;Lokal\n", "import_no_text_column"),
        ("kort.xlsx", b"PK\x03\x04 not a workbook", "import_not_a_table"),
        ("kort.csv", b"", "import_empty"),
        ("kort.csv", b"text\n\n;\n", "import_empty"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(workshop: Workshop, name: str, data: bytes, code: str) -> None:
    with pytest.raises(DomainError) as error:
        plan_import(db.session, workshop.steps[1], read_file(name, data))
    assert error.value.code == code


def test_cards_go_only_into_a_step_that_takes_cards(workshop: Workshop) -> None:
    words: Step = workshop.steps[0]
    with pytest.raises(DomainError) as error:
        plan_import(db.session, words, read_pasted("Tillit"))
    assert error.value.code == "import_not_a_cards_step"


def test_an_import_nests_themes_to_three_levels(workshop: Workshop) -> None:
    step = workshop.steps[1]
    rows = (
        "text,theme,parent_theme\n"
        "Delmål i nämnderna,Delmål,Mål\n"  # line 2: Mål, named first as a parent, is at the top
        "Gemensamma mål,Mål,Styrning\n"  # line 3: no, Mål is already at the top (line 2)
        "Ett kort,Mål 2,Styrning\n"
        "Ett till,Delmål 2,Mål 2\n"  # a sub-theme: three levels
        "För djupt,Under,Delmål 2\n"  # line 6: a fourth level
    )
    plan = plan_import(db.session, step, read_file("kort.csv", rows.encode()))
    assert [(p.line, p.code) for p in plan.problems] == [(3, "import_theme_elsewhere"), (6, "too_deep")]
    fine = "text,theme,parent_theme\nEtt kort,Mål 2,Styrning\nEtt till,Delmål 2,Mål 2\n"
    plan = plan_import(db.session, step, read_file("kort.csv", fine.encode()))
    assert plan.new_themes == [("", "Styrning"), ("Styrning", "Mål 2"), ("Mål 2", "Delmål 2")]
    apply_import(db.session, step, plan)
    report = workshop_report(db.session, workshop.id)
    [imported] = [b for b in report.boards if b.title == step.title]
    assert [(t.name, t.parent) for t in imported.themes] == [
        ("Mål 2", "Styrning"),
        ("Delmål 2", "Styrning – Mål 2"),
    ]
