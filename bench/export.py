"""Export timings for a big workshop: 300 participants, 1000 words, 500 cards in 20 themes,
60 tracks with votes, 40 notes (SQLite file, one process). Times reading the report from
the store, then writing the deck (PPTX), the report (PDF), the raw data (XLSX, CSV) and
the archive (JSON), and the file sizes.
The aim: the deck (reading, the cloud and writing) in at most 2 s on this machine:
`read_and_pptx_s` once the projector has shown the cloud (its layout stored, as during a
workshop), `read_and_pptx_cloud_not_shown_s` before (laid out afresh, wordcloud imported
first). Last, the synthesis deck of a series of six meetings (aim: at most 5 s), and
the thematic compilation of six meetings of 200 cards each (aim: at most 5 s).

    PYTHONPATH=. .venv/bin/python -m bench.export
"""

from __future__ import annotations

import itertools
import json
import random
import sys
import tempfile
import time
from pathlib import Path

# Run as a script, this file's folder comes first on the path and its name hides the
# `export` package it measures.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
# ruff: noqa: E402 - the imports below must come after that

from content.archive import export_archive
from content.demo import load_demo_series
from content.templates import create_from_template
from export.compilation import compile_series, write_compilation
from export.deck import write_deck, write_series_deck
from export.report_html import write_compilation_pdf, write_pdf, write_series_pdf
from export.tables import write_csv, write_series_xlsx, write_xlsx
from models import agenda, notes
from models.accounts import create_facilitator
from models.participants import join_workshop
from models.series import create_series
from models.workshops import Workshop
from readers.series_report import series_report
from readers.workshop_report import workshop_report
from steps.cards import board
from steps.cards.cards import submit_card
from steps.cards.importing import apply_import, plan_import, read_file
from steps.tracks import tracks
from steps.words import in_report as words_report
from steps.words.cloud_jobs import worker as cloud_worker
from steps.words.clouds import save_cloud, words_hash
from steps.words.words import submit_word, visible_words
from webapp import create_app
from webapp.extensions import db

PARTICIPANTS, WORDS, CARDS, THEMES, TRACKS, NOTES = 300, 1000, 500, 20, 60, 40
COMPILED_CARDS = 1200  # six meetings' thematic compilation
COMPILED_THEMES = {  # twelve themes under three dimensions, each meeting sorting into them
    "Struktur": ("Styrning", "Finansiering", "Digital infrastruktur", "Uppföljning"),
    "Kultur": ("Tillit", "Ledarskap", "Brukarinflytande", "Kommunikation"),
    "Kunskap": ("Kompetensförsörjning", "Forskning", "Utbildningsplatser", "Lärande"),
}
VOCABULARY = [f"ord{n}" for n in range(400)] + ["Tillit", "Dialog", "Förtroende", "Öppenhet", "Samsyn"]


def fill(rng: random.Random) -> int:
    ids = (f"bench-{n:08d}" for n in itertools.count())
    facilitator = create_facilitator(db.session, "bench@region.se", "correct horse battery")
    workshop = create_from_template(db.session, facilitator, "samverkan", "Exportprov")
    words, cards, _, track_step, _ = workshop.steps
    for step in (words, cards, track_step):
        agenda.open_step(db.session, step, exclusive=False)
    agenda.set_step_settings(db.session, words, max_words=20)
    agenda.set_step_settings(db.session, cards, max_cards=50)
    phones = [
        join_workshop(db.session, workshop, f"Deltagare {n}" if n % 3 == 0 else "")
        for n in range(PARTICIPANTS)
    ]
    for n in range(WORDS):
        submit_word(db.session, phones[n % PARTICIPANTS], words.id, next(ids), rng.choice(VOCABULARY))
    themes = [board.create_theme(db.session, cards, f"Tema {n}").reply["theme_id"] for n in range(THEMES)]
    for n in range(CARDS):
        text = f"Kort {n}: " + " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 14)))
        card = submit_card(
            db.session, phones[n % PARTICIPANTS], {"id": next(ids), "step_id": cards.id, "text": text}
        )
        board.move_card(db.session, cards, card.ack["card"]["id"], themes[n % THEMES], None)
    for n in range(TRACKS):
        tracks.propose_track(
            db.session,
            phones[n],
            {"id": next(ids), "step_id": track_step.id, "text": f"Spår {n}: hur går vi vidare?"},
        )
    agenda.set_step_settings(db.session, track_step, voting=True)
    listed = tracks.tracks_of(db.session, track_step.id)
    for phone in phones:
        for track in rng.sample(listed, 3):
            tracks.vote(
                db.session,
                phone,
                {"id": next(ids), "step_id": track_step.id, "track_id": track.id, "dots": 1, "n": 1},
            )
    categories = notes.note_categories(workshop)
    for n in range(NOTES):
        notes.add_note(
            db.session, workshop, facilitator.id, categories[n % len(categories)], f"Anteckning {n} " * 5
        )
    return workshop.id


def project_cloud(workshop_id: int) -> None:
    """What the projector's cloud worker does while the words come in: the layout made in
    its own process (analysis.cloud_worker) and stored with the step."""
    step = db.session.get_one(Workshop, workshop_id).steps[0]  # the template's words (see `fill`)
    groups = visible_words(db.session, step.id)
    reply = cloud_worker.call(
        {"words": [[g.key, g.display, g.count] for g in groups], "previous": [], "max_words": 150}
    )
    save_cloud(db.session, step.id, words_hash(groups), reply["svg"], reply["layout"])


def six_meetings() -> tuple[float, float]:
    """The synthesis of six regional meetings (the demo series twice, as seed 004): seconds
    from reading the series to the deck's bytes, cold (its word cloud drawn anew), and KB."""
    facilitator = create_facilitator(db.session, "serie@example.org", "bench password 123")
    first, second = load_demo_series(db.session, facilitator), load_demo_series(db.session, facilitator)
    series = create_series(
        db.session, facilitator.id, "Sex regioner", [w.id for w in [*first.workshops, *second.workshops]]
    )
    started = time.perf_counter()
    deck = write_series_deck(series_report(db.session, series))
    return time.perf_counter() - started, round(len(deck) / 1024, 1)


def six_meetings_compiled(rng: random.Random) -> dict[str, float]:
    """The thematic compilation of six meetings of 200 cards each (1,200 cards, brought in
    by the import as an organizer brings in paper notes: themes under dimensions, levels,
    table groups): seconds to import them, and to read the series and write the
    compilation as PPTX and as PDF, with the sizes."""
    facilitator = create_facilitator(db.session, "sammanstallning@example.org", "bench password 123")
    meetings = [
        create_from_template(db.session, facilitator, "samverkan", f"Dialogmöte {n + 1}") for n in range(6)
    ]
    levels = ["Nationell", "Regional", "Delregional", "Lokal", "Nivåoberoende", ""]
    themes = [(dimension, name) for dimension, names in COMPILED_THEMES.items() for name in names]
    import_s = 0.0
    for meeting in meetings:
        rows = ["text;tema;övertema;nivå;grupp"]
        for n in range(COMPILED_CARDS // 6):
            parent, theme = rng.choice(themes)
            words = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(4, 30)))
            rows.append(f"Kort {n}: {words};{theme};{parent};{rng.choice(levels)};Bord {n % 8 + 1}")
        step = meeting.steps[1]  # Förutsättningar
        started = time.perf_counter()
        apply_import(
            db.session, step, plan_import(db.session, step, read_file("kort.csv", "\n".join(rows).encode()))
        )
        import_s += time.perf_counter() - started
    series = create_series(db.session, facilitator.id, "Sex möten", [m.id for m in meetings])
    started = time.perf_counter()
    compilation = compile_series(series_report(db.session, series))
    deck = write_compilation(compilation)
    pptx_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf = write_compilation_pdf(compile_series(series_report(db.session, series)))
    pdf_s = time.perf_counter() - started
    # The same series as the analyst's spreadsheet, and as the synthesis in one PDF.
    started = time.perf_counter()
    sheet = write_series_xlsx(series_report(db.session, series))
    xlsx_s = time.perf_counter() - started
    started = time.perf_counter()
    synthesis = write_series_pdf(series_report(db.session, series))
    synthesis_s = time.perf_counter() - started
    return {
        "compilation_cards": sum(len(t.quotes) for t in compilation.themes),
        "import_1200_cards_s": round(import_s, 3),
        "compilation_pptx_s": round(pptx_s, 3),
        "compilation_pptx_kb": round(len(deck) / 1024, 1),
        "compilation_pdf_s": round(pdf_s, 3),
        "compilation_pdf_kb": round(len(pdf) / 1024, 1),
        "series_xlsx_s": round(xlsx_s, 3),
        "series_xlsx_kb": round(len(sheet) / 1024, 1),
        "series_pdf_s": round(synthesis_s, 3),
        "series_pdf_kb": round(len(synthesis) / 1024, 1),
    }


def timed(function, *args):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    result = function(*args)
    return result, time.perf_counter() - started


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'bench.db'}", "INSTANCE_DIR": folder}
        )
        with app.app_context():
            db.create_all()
            started = time.perf_counter()
            workshop_id = fill(random.Random(7))
            print(f"filled in {time.perf_counter() - started:.1f} s")
            # Before the projector has shown the cloud: laid out afresh (in this process,
            # which imports wordcloud for it, as a server's first export does).
            _, cold_s = timed(workshop_report, db.session, workshop_id)
            project_cloud(workshop_id)
            report, read_s = timed(workshop_report, db.session, workshop_id)
            # How long the database connection is held: the same read without drawing clouds.
            draw = words_report.cloud_png
            words_report.cloud_png = lambda *_args: None
            _, held_s = timed(workshop_report, db.session, workshop_id)
            words_report.cloud_png = draw
            deck, pptx_s = timed(write_deck, report)
            xlsx, xlsx_s = timed(write_xlsx, report)
            csv, csv_s = timed(write_csv, report)
            pdf, pdf_s = timed(write_pdf, report)
            archive, archive_s = timed(export_archive, db.session, db.session.get(Workshop, workshop_id))
            series_s, series_kb = six_meetings()
            compiled = six_meetings_compiled(random.Random(11))
    figures = {
        "rows": len(report.rows),
        "read_report_s": round(read_s, 3),
        "connection_held_s": round(held_s, 3),
        "pptx_s": round(pptx_s, 3),
        "read_and_pptx_s": round(read_s + pptx_s, 3),
        "read_cloud_not_shown_s": round(cold_s, 3),
        "read_and_pptx_cloud_not_shown_s": round(cold_s + pptx_s, 3),
        "xlsx_s": round(xlsx_s, 3),
        "csv_s": round(csv_s, 3),
        "pptx_kb": round(len(deck) / 1024, 1),
        "xlsx_kb": round(len(xlsx) / 1024, 1),
        "csv_kb": round(len(csv) / 1024, 1),
        "pdf_s": round(pdf_s, 3),
        "pdf_kb": round(len(pdf) / 1024, 1),
        "archive_s": round(archive_s, 3),
        "archive_kb": round(len(archive) / 1024, 1),
        "series_six_meetings_s": round(series_s, 3),
        "series_six_meetings_kb": series_kb,
        **compiled,
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
