"""Series of workshops: matching the meetings' themes (and the organizer's corrections),
the synthesis (themes side by side, tracks across meetings, all words, cards per level),
the deck, and who may touch a series."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from flask import Flask, g
from flask.testing import FlaskClient, FlaskCliRunner
from openpyxl import load_workbook
from pptx import Presentation

from analysis.clustering import match_names
from content.demo import load_demo_series
from content.templates import create_from_template
from export.deck import write_series_deck
from models.accounts import Facilitator
from models.errors import DomainError
from models.series import Series, create_series, set_theme_groups, themes_in_series
from readers.series_report import series_report
from steps.cards.cards import Card
from tests.conftest import AuthActions, join
from tests.support.decks import fills
from webapp.extensions import db


def test_similar_theme_names_are_matched() -> None:
    names = [
        "Gemensam målbild",
        "Styrning",
        "Målbild",
        "Struktur och styrning",
        "Gemensamt ansvar",
        "Öronmärkta resurser",
        "Resurser",
    ]
    groups = match_names(names)
    assert groups[0] == groups[2] and groups[1] == groups[3] and groups[5] == groups[6]
    assert len({groups[0], groups[1], groups[4], groups[5]}) == 4  # "gemensam" alone matches nothing


def test_the_synthesis_of_three_regional_meetings(facilitator: Facilitator) -> None:
    series = load_demo_series(db.session, facilitator)
    themes = themes_in_series(db.session, series)
    by_name = {(t.name): t.group for t in themes}
    assert by_name["Gemensam målbild"] == by_name["Målbild"] == "Målbild"
    assert by_name["Struktur och styrning"] == by_name["Styrning"] == "Styrning"
    assert by_name["Gemensamma mål"] != "Målbild"  # one shared word of two is not enough
    # The organizer corrects it; the correction is kept, and an empty name undoes it.
    mal = next(t for t in themes if t.name == "Gemensamma mål")
    set_theme_groups(db.session, series, {mal.theme_id: "Målbild"})
    report = series_report(db.session, series)
    assert report.meetings == ["Umeå", "Linköping", "Göteborg"]
    målbild = next(row for row in report.themes if row.name == "Målbild")
    assert all(målbild.cards) and målbild.names[1] == "Gemensamma mål"
    assert report.themes[0].name == "Målbild"  # in every meeting: first
    assert [t.text for t in report.tracks][:1] == ["Hur kan de regionala arenorna vidareutvecklas?"]
    assert report.tracks[0].dots == 5 and report.tracks[0].tied  # 5 in Umeå, 5 in Linköping
    assert report.levels == [  # in the list's order; only the levels in use
        ("Nationell", [1, 1, 1]),
        ("Regional", [2, 2, 2]),
        ("Lokal", [1, 1, 1]),
        ("", [6, 5, 5]),  # the cards of the step that asks no level
    ]
    # Typed in another case or with extra spaces, it is the same group, not a row of its own.
    set_theme_groups(db.session, series, {mal.theme_id: "  målbild "})
    assert (
        next(t for t in themes_in_series(db.session, series) if t.name == "Gemensamma mål").group == "Målbild"
    )
    assert [row.name for row in series_report(db.session, series).themes].count("Målbild") == 1
    assert not any(row.name.casefold() == "målbild" and row.name != "Målbild" for row in report.themes)
    set_theme_groups(db.session, series, {mal.theme_id: ""})
    assert (
        next(t for t in themes_in_series(db.session, series) if t.name == "Gemensamma mål").group
        == "Gemensamma mål"
    )

    deck = Presentation(io.BytesIO(write_series_deck(report)))
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert titles[:2] == [series.title, "Teman i alla möten"]
    assert len(set(titles)) == len(titles) and "Umeå: Deltagare" in titles  # each title its own
    assert "Spår från alla möten, efter röster" in titles and "Kort per nivå" in titles
    assert titles.count("Dialogmöte Umeå") == 1 and titles.index("Dialogmöte Umeå") < titles.index(
        "Dialogmöte Linköping"
    )
    table = next(shape.table for s in deck.slides for shape in s.shapes if shape.has_table)
    assert [table.cell(0, c).text for c in range(5)] == ["Tema", "Umeå", "Linköping", "Göteborg", "Totalt"]
    charts = {s.shapes.title.text: shape.chart for s in deck.slides for shape in s.shapes if shape.has_chart}
    by_meeting = charts["Temana möte för möte"].plots[0]  # each theme's cards, split by meeting
    votes = charts["Spårens röster i alla möten"].plots[0]  # every track, named with its meeting
    assert next(iter(votes.categories)).endswith("(Umeå)") and next(iter(votes.series[0].values)) == 5
    assert [m.name for m in by_meeting.series] == ["Umeå", "Linköping", "Göteborg"]
    målbild_row = next(row for row in report.themes if row.name == "Målbild")
    at = list(by_meeting.categories).index("Målbild")
    assert [m.values[at] or 0 for m in by_meeting.series] == målbild_row.cards
    tracks = next(
        shape.table
        for s in deck.slides
        for shape in s.shapes
        if shape.has_table and s.shapes.title.text == "Spår från alla möten, efter röster"
    )
    assert [tracks.cell(0, c).text for c in range(4)] == ["Plats", "Spår", "Möte", "Röster"]


def test_a_series_holds_only_its_owners_workshops(
    facilitator: Facilitator, other_facilitator: Facilitator
) -> None:
    theirs = create_from_template(db.session, other_facilitator, "samverkan", "Deras")
    with pytest.raises(DomainError):
        create_series(db.session, facilitator.id, "Min serie", [theirs.id])
    with pytest.raises(DomainError):
        create_series(db.session, facilitator.id, "  ", [])


def test_series_pages_for_the_organizer_only(
    app: Flask,
    client: FlaskClient,
    auth: AuthActions,
    facilitator: Facilitator,
    other_facilitator: Facilitator,
) -> None:
    series = load_demo_series(db.session, facilitator)
    series_id, workshop_ids = series.id, [w.id for w in series.workshops]
    theme = themes_in_series(db.session, series)[0]
    auth.login()
    app.config["WTF_CSRF_ENABLED"] = False
    page = client.get(f"/f/series/{series_id}")
    assert page.status_code == 200 and "Gemensam målbild" in page.text
    response = client.post(f"/f/series/{series_id}/themes", data={f"group-{theme.theme_id}": "Vision"})
    assert response.status_code == 302
    assert (
        next(
            t
            for t in themes_in_series(db.session, db.session.get(Series, series_id))
            if t.theme_id == theme.theme_id
        ).group
        == "Vision"
    )
    deck = client.get(f"/f/series/{series_id}/deck.pptx")
    assert (
        deck.status_code == 200
        and Presentation(io.BytesIO(deck.data)).slides[0].shapes.title.text == series.title
    )
    assert [(title, fill) for title, fill in fills(deck.data) if fill < 0.25] == []  # no slide nearly empty
    compiled = client.get(f"/f/series/{series_id}/compilation.pptx")
    assert compiled.status_code == 200 and "sammanstallning" in compiled.headers["Content-Disposition"]
    # The synthesis as PDF, and every card of every meeting as a spreadsheet.
    assert "synthesis.pdf" in page.text and "synthesis.xlsx" in page.text
    pdf = client.get(f"/f/series/{series_id}/synthesis.pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    sheet = client.get(f"/f/series/{series_id}/synthesis.xlsx")
    assert sheet.status_code == 200 and ".xlsx" in sheet.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(sheet.data))
    assert book.sheetnames == ["Kort", "Teman per möte", "Nivåer per möte"]
    cards = [[c.value for c in row] for row in book["Kort"].iter_rows()]
    header = cards[0]
    assert header[:8] == [
        "Möte",
        "Steg",
        "Typ",
        "Text",
        "Kategori",
        "Tema",
        "Övergripande tema",
        "Matchat tema",
    ]
    assert "Nivå" in header and "Aktörstyp" in header
    shown = db.session.query(Card).filter(Card.workshop_id.in_(workshop_ids), Card.withdrawn_at.is_(None))
    assert len(cards) - 1 == shown.count()  # every card of every meeting, hidden ones flagged
    visioned = [row for row in cards[1:] if row[5] == theme.name and row[0] == "Umeå"]
    assert visioned and all(row[7] == "Vision" for row in visioned)  # the group the organizer chose
    made = client.post("/f/series", data={"title": "Ny serie", "workshops": [str(workshop_ids[0])]})
    assert made.status_code == 302
    refused = client.post("/f/series", data={"title": "", "workshops": []})
    assert refused.status_code == 200 and db.session.query(Series).count() == 2

    # Nobody else: anonymous callers and phones are sent to log in; another facilitator sees nothing.
    phone = app.test_client()
    join(phone, series.workshops[0], "Kim")
    other = app.test_client()
    AuthActions(other).login("annan@kommun.se")
    for method, path, data in [
        ("get", f"/f/series/{series_id}", {}),
        ("post", f"/f/series/{series_id}", {"title": "Kapad", "workshops": []}),
        ("post", f"/f/series/{series_id}/themes", {f"group-{theme.theme_id}": "Kapad"}),
        ("get", f"/f/series/{series_id}/deck.pptx", {}),
        ("get", f"/f/series/{series_id}/compilation.pptx", {}),
        ("get", f"/f/series/{series_id}/compilation.pdf", {}),
        ("get", f"/f/series/{series_id}/synthesis.pdf", {}),
        ("get", f"/f/series/{series_id}/synthesis.xlsx", {}),
    ]:
        for caller in (app.test_client(), phone):
            g.pop("_login_user", None)
            assert getattr(caller, method)(path, data=data).status_code in (302, 401), path
        g.pop("_login_user", None)
        assert getattr(other, method)(path, data=data).status_code == 404, path
    db.session.expire_all()
    assert db.session.get(Series, series_id).title == series.title


def test_a_series_of_six_meetings_gives_the_synthesis(facilitator: Facilitator) -> None:
    """Seed 004: six regional meetings, then one synthesis."""
    first, second = load_demo_series(db.session, facilitator), load_demo_series(db.session, facilitator)
    series = create_series(
        db.session,
        facilitator.id,
        "Sex sjukvårdsregioner",
        [w.id for w in [*first.workshops, *second.workshops]],
    )
    report = series_report(db.session, series)
    assert len(report.meetings) == len(report.reports) == 6
    assert all(len(row.cards) == 6 for row in report.themes)
    målbild = next(row for row in report.themes if row.name == "Målbild")
    assert sum(1 for count in målbild.cards if count) == 4  # Linköping says "Gemensamma mål"
    assert report.tracks[0].dots == 5 and len(report.tracks) == 18
    deck = Presentation(io.BytesIO(write_series_deck(report)))
    table = next(shape.table for s in deck.slides for shape in s.shapes if shape.has_table)
    assert len(table.columns) == 8  # theme, six meetings, total


def test_the_series_compilation_quotes_every_card_of_every_meeting_once(
    facilitator: Facilitator, runner: FlaskCliRunner, tmp_path: Path
) -> None:
    from export.compilation import compile_series, write_compilation

    series = load_demo_series(db.session, facilitator)
    # The organizer puts Linköping's "Gemensamma mål" with its "Målbild" group too.
    mal = next(t for t in themes_in_series(db.session, series) if t.name == "Gemensamma mål")
    set_theme_groups(db.session, series, {mal.theme_id: "Målbild"})
    report = series_report(db.session, series)
    compilation = compile_series(report)
    assert [m.title for m in compilation.meetings] == ["Umeå", "Linköping", "Göteborg"]
    målbild = next(t for t in compilation.themes if t.name == "Målbild")
    assert {q.meeting for q in målbild.quotes} == {"Umeå", "Linköping", "Göteborg"}  # matched across meetings
    quoted = [q.text for t in compilation.themes for q in t.quotes]
    shown = [
        c.text
        for c in db.session.query(Card).filter(Card.workshop_id.in_([w.id for w in series.workshops]))
        if c.hidden_at is None and c.withdrawn_at is None
    ]
    assert sorted(quoted) == sorted(shown)  # every card once
    deck = Presentation(io.BytesIO(write_compilation(compilation)))
    texts = [p.text for s in deck.slides for sh in s.placeholders for p in sh.text_frame.paragraphs]
    for text in shown:
        assert sum(text in t for t in texts) >= 1, text
    assert any(t.endswith("– Umeå") for t in texts)  # each quote names its meeting
    for kind, suffix in (
        ("compilation", "pptx"),
        ("compilation-pdf", "pdf"),
        ("pdf", "pdf"),
        ("xlsx", "xlsx"),
    ):
        target = tmp_path / f"sammanstallning.{suffix}"
        result = runner.invoke(args=["export-series", str(series.id), "--format", kind, "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.read_bytes()[:4] in (b"PK\x03\x04", b"%PDF")
