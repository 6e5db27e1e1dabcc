"""The summary deck, opened again with python-pptx: slide titles in seed 002's order,
texts as real text, long lists continued, the organizer's choices and template honoured."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.util import Pt

from export.deck import Options, write_deck
from export.report import (
    BoardStep,
    MatrixItem,
    MatrixStep,
    Person,
    Report,
    ReportCard,
    ReportTheme,
    ReportTrack,
    ReportWord,
    TracksStep,
    WordsStep,
)
from tests.support.decks import fills

FOOT = (11, 12)  # the footer and the slide number: on every slide but the title slide
PAYLOAD = '<img src=x onerror="alert(1)">=HYPERLINK("http://x")'


def report(**changes: object) -> Report:
    data: dict[str, object] = dict(
        title="Ledning & Styrning i Samverkan",
        date="25 september 2026",
        place="S:t Gertrud, Malmö",
        organizer="Region Skåne",
        highlights=["Synliggör incitament för samverkan på alla nivåer"],
        notes=[
            ("Highlights från dagen", ["”En väg in” för medarbetare mellan region och kommun"]),
            ("Kolliderande synsätt och känsliga frågor", ["Regionen är en obegriplig organisation"]),
            ("Skribenternas reflektioner", ["För homogena och samstämmiga grupper"]),
            ("Punkter från slutdiskussion", ["Konkretisera istället för abstrahera"]),
        ],
        words=[
            WordsStep(
                "Ordet samverkan",
                "Vilka ord tänker du på när du hör samverkan?",
                [ReportWord("Tillit", 12), ReportWord("Öppenhet", 3)],
            )
        ],
        boards=[
            BoardStep(
                "Hinder och möjligheter",
                "",
                ["Hinder", "Möjligheter"],
                [
                    ReportTheme(
                        "Mål",
                        [
                            ReportCard("Olika mål hos huvudmännen", "Hinder"),
                            ReportCard(PAYLOAD, "Möjligheter"),
                        ],
                        parent="Styrning",
                    )
                ],
                side_by_side=True,
            )
        ],
        tracks=[
            TracksStep(
                "Spår",
                "",
                [
                    ReportTrack("Hur skapas tillit?", 5, 1, True),
                    ReportTrack("Gemensam målbild", 5, 1, True),
                    ReportTrack("En väg in", 2, 3),
                ],
            )
        ],
        participants=[Person("Kim Andersson", "Enhetschef", "Malmö stad")],
        anonymous_participants=41,
    )
    data.update(changes)
    return Report(**data)  # type: ignore[arg-type]


def slides(deck: bytes) -> list[tuple[str, list[str]]]:
    """Each slide's title and the texts of its other placeholders, paragraph by paragraph."""
    out = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        texts = [
            p.text
            for shape in slide.placeholders
            if shape != slide.shapes.title
            and shape.has_text_frame
            and shape.placeholder_format.idx not in FOOT
            for p in shape.text_frame.paragraphs
            if p.text
        ]
        out.append((title, texts))
    return out


def table(deck: bytes, title: str) -> list[list[str]]:
    """The cells of the table on the slide with this title."""
    for slide in Presentation(io.BytesIO(deck)).slides:
        if slide.shapes.title is not None and slide.shapes.title.text_frame.text == title:
            shape = next(s for s in slide.shapes if s.has_table)
            return [[cell.text for cell in row.cells] for row in shape.table.rows]
    raise AssertionError(title)


def notes(deck: bytes) -> dict[str, str]:
    """Each slide's speaker notes by its title."""
    return {
        slide.shapes.title.text_frame.text: slide.notes_slide.notes_text_frame.text
        for slide in Presentation(io.BytesIO(deck)).slides
        if slide.shapes.title is not None and slide.has_notes_slide
    }


def test_the_deck_follows_the_published_structure() -> None:
    deck = slides(write_deck(report()))
    assert [title for title, _ in deck] == [
        "Ledning & Styrning i Samverkan",
        "Highlights från dagen",
        "Ordet samverkan",  # a divider for each part of the day, with its question
        "Deltagarnas ord: Ordet samverkan",
        "Hinder och möjligheter",
        "Styrning – Mål",
        "Kolliderande synsätt och känsliga frågor",
        "Spår",
        "Intressanta spår för vidareutveckling",
        "Spåren efter röster",  # the same ranking as bars
        "Skribenternas reflektioner",
        "Punkter från slutdiskussion",
        "Deltagare",
    ]
    title, highlights, divider, words, _, theme, _, _, tracks, _, _, _, people = (texts for _, texts in deck)
    assert divider == ["Vilka ord tänker du på när du hör samverkan?"]
    assert title == ["UTKAST FÖR VIDAREUTVECKLING", "25 september 2026, S:t Gertrud, Malmö", "Region Skåne"]
    assert highlights == [
        "Synliggör incitament för samverkan på alla nivåer",
        "”En väg in” för medarbetare mellan region och kommun",
    ]
    assert words == ["Tillit (12)", "Öppenhet (3)"]
    assert theme == [
        "Hinder",
        "Olika mål hos huvudmännen",
        "Möjligheter",
        PAYLOAD,
    ]  # side by side, as plain text
    assert tracks == []  # a table, below
    assert table(write_deck(report()), "Intressanta spår för vidareutveckling") == [
        ["Plats", "Spår", "Röster"],
        ["1 (delad)", "Hur skapas tillit?", "5"],  # the rank in its own column, never a bullet
        ["1 (delad)", "Gemensam målbild", "5"],
        ["3", "En väg in", "2"],
    ]
    assert people == ["Kim Andersson, Enhetschef, Malmö stad", "och 41 deltagare till"]
    presentation = Presentation(io.BytesIO(write_deck(report())))
    assert presentation.slide_width * 9 == presentation.slide_height * 16  # 16:9


def test_long_lists_continue_on_further_slides() -> None:
    many = [f"Förslag nummer {n} om hur samverkan kan stärkas mellan huvudmännen i Skåne" for n in range(40)]
    deck = slides(write_deck(report(notes=[("Highlights från dagen", many)], highlights=[])))
    pages = [texts for title, texts in deck if title.startswith("Highlights från dagen")]
    assert [title for title, _ in deck if title.startswith("Highlights")][
        1
    ] == "Highlights från dagen (forts.)"
    assert len(pages) >= 4 and all(len(page) <= 11 for page in pages)
    assert [text for page in pages for text in page] == many  # all of it, in order
    titles = [title for title, _ in deck]
    assert len(set(titles)) == len(titles) and "Highlights från dagen (forts. 2)" in titles  # each its own


def test_the_organizer_chooses_what_goes_in_and_the_template() -> None:
    deck = slides(write_deck(report(), Options(sections={"title", "tracks"}, draft=False)))
    assert [title for title, _ in deck] == [
        "Ledning & Styrning i Samverkan",
        "Spår",
        "Intressanta spår för vidareutveckling",
        "Spåren efter röster",
    ]
    assert "UTKAST FÖR VIDAREUTVECKLING" not in deck[0][1]
    # Their own template: its slides are dropped, its layouts (here 4:3) are used.
    own = Presentation()
    own.slides.add_slide(own.slide_layouts[0]).shapes.title.text = "Mallens egen bild"
    buffer = io.BytesIO()
    own.save(buffer)
    result = Presentation(io.BytesIO(write_deck(report(), Options(template=buffer.getvalue()))))
    assert result.slide_width == own.slide_width
    assert "Mallens egen bild" not in [s.shapes.title.text for s in result.slides if s.shapes.title]
    assert len(result.slides) == 13  # dividers on their own "Section Header" layout


def test_a_ranking_is_a_table_at_list_size_and_continues_when_long() -> None:
    tracks = [ReportTrack(f"Spår nummer {n} om hur samverkan kan stärkas", 30 - n, n + 1) for n in range(20)]
    deck = write_deck(report(tracks=[TracksStep("Spår", "", tracks)]))
    pages = [
        [[cell.text for cell in row.cells] for row in shape.table.rows]
        for slide in Presentation(io.BytesIO(deck)).slides
        for shape in slide.shapes
        if shape.has_table and slide.shapes.title.text_frame.text.startswith("Intressanta spår")
    ]
    assert len(pages) >= 2 and all(page[0] == ["Plats", "Spår", "Röster"] for page in pages)  # header on each
    assert [row[1] for page in pages for row in page[1:]] == [t.text for t in tracks]  # all, in order
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                sizes = {
                    r.font.size
                    for row in shape.table.rows
                    for c in row.cells
                    for p in c.text_frame.paragraphs
                    for r in p.runs
                }
                assert sizes == {Pt(20)}


def test_options_on_two_scales_fit_their_slides_and_the_chart_has_its_key() -> None:
    """A table with narrow figures beside a long text continues rather than running off its
    slide (it did: twelve rows of equal columns, each option over three lines); the chart
    lists each point's option beside it."""
    texts = [f"Alternativ {n}: samordnad vård och omsorg för den som behöver båda" for n in range(1, 13)]
    items = [MatrixItem(text, 1 + n % 5, 5 - n % 4, 6) for n, text in enumerate(texts)]
    unplaced = MatrixItem("Ej placerat", None, None, 0)
    matrix = MatrixStep("Vad först?", "", ("Nytta", "Insats"), [*items, unplaced])
    deck = Presentation(io.BytesIO(write_deck(report(matrices=[matrix]))))
    width = deck.slide_width
    tables = [
        shape.table
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table and slide.shapes.title.text_frame.text.startswith("Prioritering")
    ]
    assert len(tables) >= 2 and all(t.cell(0, 1).text == "Alternativ" for t in tables)
    assert [t.cell(r, 1).text for t in tables for r in range(1, len(t.rows))] == [*texts, "Ej placerat"]
    widths = [c.width for c in tables[0].columns]
    assert widths[1] > width * 0.4 > 4 * widths[0]  # the option's text gets the room
    [chart_slide] = [s for s in deck.slides if s.shapes.title.text_frame.text == "Alternativen på två skalor"]
    assert any(shape.has_chart for shape in chart_slide.shapes)
    key = [
        p.text
        for shape in chart_slide.shapes
        if shape.has_text_frame and shape != chart_slide.shapes.title and not shape.is_placeholder
        for p in shape.text_frame.paragraphs
    ]
    assert [line.split("  ", 1)[0] for line in key] == [str(n) for n in range(1, 13)]  # the placed ones
    assert all(line.split("  ", 1)[1].rstrip("…") in text for line, text in zip(key, texts, strict=True))
    [frame] = [shape for shape in chart_slide.shapes if shape.has_chart]
    boxes = [
        s
        for s in chart_slide.shapes
        if s.has_text_frame and s != chart_slide.shapes.title and not s.is_placeholder
    ]
    assert all(box.left > frame.left + frame.width for box in boxes)  # beside the chart, not on it
    assert all(box.left + box.width <= width - frame.left for box in boxes)  # and inside the slide's margin


def test_options_placed_alike_share_one_label_in_the_decks_2_by_2() -> None:
    """Options at the same place printed their numbers over each other: the first carries
    them all, the others none; at the right edge the label goes left of its point."""
    from pptx.enum.chart import XL_LABEL_POSITION

    items = [MatrixItem("A", 2, 2, 3), MatrixItem("B", 5, 4, 3), MatrixItem("C", 2, 2, 3)]
    deck = Presentation(
        io.BytesIO(write_deck(report(matrices=[MatrixStep("Vad först?", "", ("N", "I"), items)])))
    )
    [chart] = [
        shape.chart
        for slide in deck.slides
        if slide.shapes.title.text_frame.text == "Alternativen på två skalor"
        for shape in slide.shapes
        if shape.has_chart
    ]
    labels = [point.data_label for point in chart.plots[0].series[0].points]
    assert [label.text_frame.text for label in labels[:2]] == ["1, 3", "2"]
    assert labels[2]._dLbl.xpath("c:delete/@val") == ["1"]  # none: an empty text showed the value
    assert [label.position for label in labels[:2]] == [XL_LABEL_POSITION.RIGHT, XL_LABEL_POSITION.LEFT]


def test_a_table_at_list_size_stops_before_the_footer() -> None:
    """Fourteen one-line tracks ran off their slide (a row is its line and its cells'
    margins: about ten one-line rows fit under the header); they continue instead."""
    tracks = [ReportTrack(f"Spår {n} om samverkan", 30 - n, n + 1) for n in range(14)]
    deck = Presentation(io.BytesIO(write_deck(report(tracks=[TracksStep("Spår", "", tracks)]))))
    pages = [
        len(shape.table.rows) - 1
        for slide in deck.slides
        for shape in slide.shapes
        if shape.has_table and slide.shapes.title.text_frame.text.startswith("Intressanta spår")
    ]
    assert pages == [7, 7]


def test_speaker_notes_hold_what_each_slide_shows() -> None:
    found = notes(write_deck(report()))
    assert found["Styrning – Mål"] == f"Hinder: Olika mål hos huvudmännen\nMöjligheter: {PAYLOAD}"
    assert found["Deltagarnas ord: Ordet samverkan"] == "Tillit (12)\nÖppenhet (3)"
    assert "1 (delad)\tHur skapas tillit?\t5" in found["Intressanta spår för vidareutveckling"]


def test_an_empty_side_of_a_theme_gets_no_heading() -> None:
    board = BoardStep(
        "Hinder och möjligheter",
        "",
        ["Hinder", "Möjligheter"],
        [ReportTheme("Mål", [ReportCard("Gemensamma mål i alla nämnder", "Möjligheter")])],
        side_by_side=True,
    )
    deck = slides(write_deck(report(boards=[board])))
    assert ("Mål", ["Möjligheter", "Gemensamma mål i alla nämnder"]) in deck


def charts(deck: bytes) -> dict[str, list[tuple[str, float]]]:
    """Each chart's bars by its slide's title: (category, value), first bar first."""
    found = {}
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_chart:
                plot = shape.chart.plots[0]
                found[slide.shapes.title.text_frame.text] = list(
                    zip(plot.categories, plot.series[0].values, strict=True)
                )
    return found


def test_charts_are_native_and_pictures_have_alternative_text() -> None:
    from export.report import ReportTheme as Theme

    cloud = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (40, 20), "navy").save(cloud, format="PNG")
    words = [ReportWord(w, n) for w, n in (("Tillit", 12), ("Dialog", 7), ("Mod", 4), ("Öppenhet", 3))]
    board = BoardStep(
        "Förutsättningar",
        "",
        ["Förutsättningar"],
        [
            Theme("Mål", [ReportCard("a", "Förutsättningar")] * 3),
            Theme("Tillit", [ReportCard("b", "Förutsättningar")]),
            Theme("Resurser", [ReportCard("c", "Förutsättningar")] * 2),
        ],
    )
    deck = write_deck(
        report(words=[WordsStep("Ordet samverkan", "Vilka ord?", words, cloud.getvalue())], boards=[board])
    )
    found = charts(deck)
    assert found["Vilka ord?"] == [("Tillit", 12), ("Dialog", 7), ("Mod", 4), ("Öppenhet", 3)]
    assert found["Förutsättningar: kort per tema"] == [("Mål", 3), ("Tillit", 1), ("Resurser", 2)]
    assert found["Spåren efter röster"] == [
        ("1 (delad). Hur skapas tillit?", 5),
        ("1 (delad). Gemensam målbild", 5),
        ("3. En väg in", 2),
    ]
    pictures = [
        shape._element.nvPicPr.cNvPr.get("descr")
        for slide in Presentation(io.BytesIO(deck)).slides
        for shape in slide.shapes
        if shape.shape_type == 13  # a picture
    ]
    assert pictures == [
        "Ordmoln. De vanligaste orden och hur många som skrev dem: Tillit 12, Dialog 7, Mod 4, Öppenhet 3"
    ]
    assert "Mål: 3" in notes(deck)["Förutsättningar: kort per tema"]  # a chart's figures in the notes


def test_rundabords_template_has_a_footer_numbers_and_is_built_reproducibly() -> None:
    from tools.deck_template import TEMPLATE, build

    assert TEMPLATE.read_bytes() == build()  # tools/deck_template.py made the file in the repository
    presentation = Presentation(io.BytesIO(write_deck(report())))
    assert presentation.slide_width * 9 == presentation.slide_height * 16
    first, *others = presentation.slides
    assert not [p for p in first.placeholders if p.placeholder_format.idx in FOOT]
    for slide in others:
        footer = {p.placeholder_format.idx: p for p in slide.placeholders}
        assert footer[11].text_frame.text == "Ledning & Styrning i Samverkan · 25 september 2026"
        assert 'type="slidenum"' in footer[12]._element.xml  # a field: it follows when slides move


def test_every_text_is_marked_with_the_exports_language() -> None:
    from pptx.enum.lang import MSO_LANGUAGE_ID

    for lang, language in (("sv", MSO_LANGUAGE_ID.SWEDISH), ("en", MSO_LANGUAGE_ID.ENGLISH_UK)):
        deck = Presentation(io.BytesIO(write_deck(report(), Options(lang=lang))))
        found = set()
        for slide in deck.slides:
            frames = [shape.text_frame for shape in slide.shapes if shape.has_text_frame]
            frames += [
                c.text_frame for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells
            ]
            found |= {run.font.language_id for frame in frames for p in frame.paragraphs for run in p.runs}
        assert found == {language}
        tag = {"sv": "sv-SE", "en": "en-GB"}[lang]
        charts = [
            p.blob.decode() for p in deck.part.package.iter_parts() if p.partname.startswith("/ppt/charts/")
        ]
        assert charts and all(f'<c:lang val="{tag}"/>' in xml and "en-US" not in xml for xml in charts)


LAYOUTS = {"Title Slide", "Title and Content", "Two Content", "Title Only", "Section Header", "Statement"}


def test_no_slide_is_nearly_empty_and_every_card_is_shown_once() -> None:
    """A theme of a card or two is gathered with the others of its size; a single line (a
    lone highlight, a count of participants) is a statement, set large; every content slide
    fills at least a quarter of its body, at 20 pt or more."""
    small = [
        ReportTheme(f"Litet tema {n}", [ReportCard(f"Kort nummer {n}", "Förutsättningar")]) for n in range(4)
    ]
    large = ReportTheme(
        "Stort tema",
        [
            ReportCard(f"Ett längre kort, nummer {n}, om hur samverkan kan stärkas", "Förutsättningar")
            for n in range(6)
        ],
    )
    board = BoardStep("Förutsättningar", "", ["Förutsättningar"], [small[0], large, *small[1:]])
    for changes in (
        {},
        {
            "boards": [board],
            "highlights": [],
            "notes": [("Highlights från dagen", ["Tillit"])],
            "participants": [],
            "anonymous_participants": 15,
        },
    ):
        deck = write_deck(report(**changes))
        assert [(title, fill) for title, fill in fills(deck) if fill < 0.25] == []
        presentation = Presentation(io.BytesIO(deck))
        assert {slide.slide_layout.name for slide in presentation.slides} <= LAYOUTS  # Rundabord's template
        sizes = {
            (shape.placeholder_format.idx == 0, run.font.size)
            for slide in presentation.slides
            for shape in slide.placeholders
            if shape.placeholder_format.idx not in FOOT
            for paragraph in shape.text_frame.paragraphs
            for run in paragraph.runs
        }
        assert all(size is None or size >= Pt(32) for title, size in sizes if title)  # else the template's 36
        assert all(size is not None and size >= Pt(20) for title, size in sizes if not title)
    shown = slides(deck)
    assert (
        "Fler teman",
        [text for n in range(4) for text in (f"Litet tema {n}", f"Kort nummer {n}")],
    ) in shown  # after the large one, under their names
    assert [title for title, _ in shown].index("Stort tema") < [title for title, _ in shown].index(
        "Fler teman"
    )
    every = [text for _title, texts in shown for text in texts]
    assert all(every.count(card.text) == 1 for theme in board.themes for card in theme.cards)
    assert ("Highlights från dagen", ["Tillit"]) in shown and ("Deltagare", ["15 deltagare"]) in shown
    statements = [s.shapes.title.text for s in presentation.slides if s.slide_layout.name == "Statement"]
    assert statements == ["Highlights från dagen", "Deltagarnas ord: Ordet samverkan", "Deltagare"]


def test_a_themes_cards_stand_under_their_levels_when_levels_were_used() -> None:
    from export.report_html import render_html

    cards = [
        ReportCard("Lokala avtal om hemsjukvård", "Förutsättningar", "Lokal"),
        ReportCard("Nationella riktlinjer för samverkan", "Förutsättningar", "Nationell"),
        ReportCard("En gemensam bild av målen", "Förutsättningar", None),
        ReportCard("Tydliga uppdrag till alla parter", "Förutsättningar", "Nationell"),
    ]
    board = BoardStep(
        "Förutsättningar",
        "",
        ["Förutsättningar"],
        [ReportTheme("Styrning", cards)],
        levels=["Nationell", "Lokal"],  # the workshop's order, of the levels in use
    )
    shown = dict(slides(write_deck(report(boards=[board]))))
    assert shown["Styrning"] == [
        "Nationell",
        "Nationella riktlinjer för samverkan",
        "Tydliga uppdrag till alla parter",
        "Lokal",
        "Lokala avtal om hemsjukvård",
        "Ingen nivå",  # cards without a level last
        "En gemensam bild av målen",
    ]
    html = render_html(report(boards=[board]), "x.css")
    assert html.index("<h4>Nationell</h4>") < html.index("<h4>Lokal</h4>") < html.index("<h4>Ingen nivå</h4>")
    # Without levels: the cards alone, no headings.
    plain = BoardStep("Förutsättningar", "", ["Förutsättningar"], [ReportTheme("Styrning", cards)])
    assert dict(slides(write_deck(report(boards=[plain]))))["Styrning"] == [c.text for c in cards]


def test_a_long_card_is_shortened_on_its_slide_and_whole_in_the_notes_and_report() -> None:
    from export.report_html import render_html

    reflection = "Vi har under dagen pratat om hur samverkan mellan region och kommun kan bli bättre. " * 12
    reflection = reflection.strip()  # about 1,000 characters, as a long-card step takes
    cards = [ReportCard(reflection, "Reflektioner"), ReportCard("Tillit", "Reflektioner")]
    board = BoardStep("Reflektioner", "", ["Reflektioner"], [ReportTheme("Samverkan", cards)])
    deck = write_deck(report(boards=[board]))
    [shown, short] = dict(slides(deck))["Samverkan"]
    assert shown.endswith("…") and len(shown) <= 320 and reflection.startswith(shown[:-1])
    assert short == "Tillit"
    assert reflection in notes(deck)["Samverkan"]
    assert reflection in render_html(report(boards=[board]), "x.css")
