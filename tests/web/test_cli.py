"""Command-line tools."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskCliRunner
from pptx import Presentation

from models.accounts import Facilitator, find_facilitator
from models.workshops import Workshop
from tests.support.decks import fills
from webapp.extensions import db


def test_create_facilitator_and_workshop(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-facilitator", "ny@region.se", "--password", "ett långt lösenord"])
    assert result.exit_code == 0, result.output
    assert find_facilitator(db.session, "ny@region.se") is not None
    result = runner.invoke(
        args=[
            "create-workshop",
            "--template",
            "samverkan",
            "--facilitator",
            "ny@region.se",
            "--place",
            "Umeå",
        ]
    )
    assert result.exit_code == 0, result.output
    workshop = db.session.query(Workshop).one()
    assert f"Join code: {workshop.join_code}" in result.output
    assert f"/j/{workshop.join_code}" in result.output
    assert f"/projector/{workshop.projector_token}" in result.output


def test_create_facilitator_explains_a_weak_password(runner: FlaskCliRunner) -> None:
    result = runner.invoke(args=["create-facilitator", "ny@region.se", "--password", "kort"])
    assert result.exit_code != 0 and "minst 10 tecken" in result.output


def test_ensure_facilitator_prints_a_password_once(runner: FlaskCliRunner) -> None:
    first = runner.invoke(args=["ensure-facilitator"])
    assert "password:" in first.output
    second = runner.invoke(args=["ensure-facilitator"])
    assert "password:" not in second.output
    assert db.session.query(Facilitator).count() == 1


def test_export_workshop_writes_each_format(
    runner: FlaskCliRunner, workshop: Workshop, tmp_path: Path
) -> None:
    for kind in ("pptx", "csv", "xlsx"):
        target = tmp_path / f"ut.{kind}"
        result = runner.invoke(
            args=["export-workshop", str(workshop.id), "--format", kind, "-o", str(target)]
        )
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 0
    titles = [s.shapes.title.text for s in Presentation(str(tmp_path / "ut.pptx")).slides]
    assert titles == [workshop.title]  # nothing sent yet: the title slide alone
    assert (tmp_path / "ut.csv").read_text(encoding="utf-8-sig").startswith("Steg;Typ;Text")
    result = runner.invoke(args=["export-workshop", "999", "-o", str(tmp_path / "x.pptx")])
    assert result.exit_code != 0 and "No workshop 999" in result.output


def test_load_demo_gives_a_full_workshop_and_deck(
    runner: FlaskCliRunner, facilitator: Facilitator, tmp_path: Path
) -> None:
    result = runner.invoke(args=["load-demo"])
    assert result.exit_code == 0, result.output
    workshop = db.session.query(Workshop).filter_by(title="Ledning & Styrning i Samverkan").one()
    assert workshop.is_run_by(facilitator.id) and "Join code" in result.output
    assert (
        db.session.query(Workshop).count() == 4 and "Demo series" in result.output
    )  # and three regional meetings
    target = tmp_path / "demo.pptx"
    assert runner.invoke(args=["export-workshop", str(workshop.id), "-o", str(target)]).exit_code == 0
    titles = [s.shapes.title.text for s in Presentation(str(target)).slides]
    for expected in (
        "Highlights från dagen",
        "Kolliderande synsätt och känsliga frågor",
        "Intressanta spår för vidareutveckling",
        "Skribenternas reflektioner",
        "Punkter från slutdiskussion",
        "Deltagare",
    ):
        assert expected in titles
    assert any(t.endswith("Gemensamma mål") for t in titles)
    compilation = tmp_path / "sammanstallning.pptx"
    result = runner.invoke(
        args=["export-workshop", str(workshop.id), "--format", "compilation", "-o", str(compilation)]
    )
    assert result.exit_code == 0, result.output
    titles = [s.shapes.title.text for s in Presentation(str(compilation)).slides if s.shapes.title]
    assert titles[1:3] == ["Om underlaget", "Teman och nivåer"] and "Gemensamma mål" in titles
    assert [(title, fill) for title, fill in fills(target.read_bytes()) if fill < 0.25] == []


def test_archive_round_trip_on_the_command_line(
    runner: FlaskCliRunner, workshop: Workshop, tmp_path: Path
) -> None:
    target = tmp_path / "arkiv.json"
    assert (
        runner.invoke(
            args=["export-workshop", str(workshop.id), "--format", "json", "-o", str(target)]
        ).exit_code
        == 0
    )
    result = runner.invoke(args=["import-workshop", str(target)])
    assert result.exit_code == 0 and "Imported as workshop" in result.output, result.output
    assert db.session.query(Workshop).count() == 2
    (tmp_path / "fel.json").write_text("{}")
    result = runner.invoke(args=["import-workshop", str(tmp_path / "fel.json")])
    assert result.exit_code != 0 and "not_an_archive" in result.output


def test_import_cards_on_the_command_line_names_bad_rows_and_makes_nothing(
    runner: FlaskCliRunner, workshop: Workshop, tmp_path: Path
) -> None:
    from steps.cards.cards import cards_of

    step = workshop.steps[1]
    bad = tmp_path / "kort.csv"
    bad.write_text(
        "text;theme;category\nGemensam budget;Resurser;\n;Resurser;\nKort;;Hinder\n", encoding="utf-8"
    )
    result = runner.invoke(args=["import-cards", str(workshop.id), str(step.id), str(bad)])
    assert result.exit_code != 0
    assert "Rad 3: Skriv något först." in result.output and "Rad 4: ”Hinder”" in result.output.replace(
        "“", "”"
    )
    assert cards_of(db.session, step.id) == []
    good = tmp_path / "bra.csv"
    good.write_text("text;theme;level\nGemensam budget;Resurser;Regional\nTillit;;\n", encoding="utf-8")
    result = runner.invoke(args=["import-cards", str(workshop.id), str(step.id), str(good), "--dry-run"])
    assert result.exit_code == 0 and "2 cards" in result.output and "New themes: Resurser" in result.output
    assert cards_of(db.session, step.id) == []
    result = runner.invoke(args=["import-cards", str(workshop.id), str(step.id), str(good)])
    assert result.exit_code == 0 and "Imported" in result.output, result.output
    assert [c.text for c in cards_of(db.session, step.id)] == ["Gemensam budget", "Tillit"]
    result = runner.invoke(args=["import-cards", str(workshop.id), "999", str(good)])
    assert result.exit_code != 0 and "No step 999" in result.output
