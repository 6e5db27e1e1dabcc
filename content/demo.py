"""A finished example workshop, written from the content of seed 002 (the stakeholder
dialogue "Ledning & Styrning i Samverkan", S:t Gertrud, Malmö), and a small series of
three regional meetings in the manner of seed 004, entered through the same operations
phones, scribes and facilitators use: a new user sees a full board, cloud, deck and
synthesis at once (`flask --app wsgi load-demo`).

About 350 lines, most of them the day's content (seed 002's words, cards, tracks and
notes) as data; the code that enters it is short.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random

from content.templates import create_from_template
from models import agenda, notes
from models.accounts import Facilitator
from models.groups import add_groups
from models.participants import Participant, join_workshop
from models.series import Series, create_series
from models.session import DbSession
from models.workshops import Workshop
from steps.cards import board
from steps.cards.cards import submit_card
from steps.tracks import curation, tracks
from steps.words import review as word_review
from steps.words.words import submit_word

TITLE = "Ledning & Styrning i Samverkan"

# Slide 3 of seed 002, with how many wrote each word.
WORDS = {
    "Tillit": 11,
    "Kommunikation": 9,
    "Samarbete": 8,
    "Förståelse": 7,
    "Lyssna": 6,
    "Brukarfokus": 6,
    "Helhetssyn": 5,
    "Förtroende": 5,
    "Dialog": 4,
    "Prata": 4,
    "Träffas": 3,
    "Effektivitet": 3,
    "Nätverk": 3,
    "Vilja": 3,
    "Öppenhet": 3,
    "Säker vård": 2,
    "Trygghet": 2,
    "Individen": 2,
    "Gemenskap": 2,
    "Win-win": 2,
    "Bygga broar": 2,
    "Långsiktighet": 2,
    "Relationer": 2,
    "Prestigelöshet": 2,
    "Ömsesidig respekt": 2,
    "Kontinuitetsbärare": 1,
    "Ärlighet": 1,
    "Affärsmässighet": 1,
    "Tillgänglighet": 1,
}

# Themes of the prerequisites, and their cards (seed 002's highlights and seed 004's
# prerequisites, as a table's sticky notes would read).
PREREQUISITES = {
    "Gemensamma mål": [
        "Gemensamma politiska medborgarmål för kommun och region",
        "En gemensam målbild för alla huvudmän",
        "Tydliggör vad vi ska samverka kring",
    ],
    "Incitament och styrning": [
        "Synliggör incitament för samverkan på alla nivåer, horisontellt och vertikalt",
        "Varje enskilt uppdrag bör innehålla incitament för samverkan",
        "Ekonomiska styrmedel kopplade till upplevd kvalitet för kunden",
        "Resurser som är öronmärkta för samverkan",
    ],
    "En väg in": [
        "”En väg in” för medarbetare mellan region och kommun",
        "En kontaktperson in för patienten",
        "En enad front ut mot patienten",
    ],
    "Närhet till patienten": [
        "Metodutveckling och kvalitetsarbete i mötet med patienten",
        "Koncentrera samverkan kring de 10 % av verksamheten som verkligen är gemensam",
    ],
}
OBSTACLES = {
    "Gemensamma mål": (
        ["Huvudmännen saknar engagemang i varandras verksamheter", "Toppstyrd region"],
        ["Gemensamma medborgarmål beslutade av både kommun och region"],
    ),
    "Incitament och styrning": (
        ["Ersättningsmodellerna belönar den egna verksamheten"],
        [
            "En ersättningsmodell för ”interregional” samverkan",
            "Uppdragsbeskrivningar som innefattar samverkan",
        ],
    ),
    "En väg in": (
        ["Regionen är en obegriplig organisation"],
        ["Befintliga regionala arenor kan utvecklas vidare"],
    ),
    "Närhet till patienten": (
        ["Ingen lyfte frågan om budget och ekonomin"],
        ["Utgå från första operativa nivå där samverkan sker"],
    ),
}
# Slides 5 and 6: the tracks, with the dots they got.
TRACKS = {
    "Hur skapas en incitamentsstyrd samverkan som ger kostnadseffektivitet och högre patientkvalitet?": 14,
    "Hur ska Skånes olika aktörer samarbeta för att brukaren ska uppleva sömlösa övergångar?": 12,
    "En beslutsfattande ”Rådgivande funktion” behövs vid konflikter mellan huvudmännen": 9,
    "Hur skapas gemensamma politiska medborgarmål bland region- och kommunpolitiker?": 9,
    "Hur ser en attraktiv ersättningsmodell ut för ”interregional” samverkan?": 7,
    "Vem faciliterar gemensamma mötesplatser för samverkan?": 6,
    "Hur säkerställer vi en personoberoende arbetsform för samverkan?": 5,
    "Vem ansvarar för att ta bort icke fungerande samverkansforum till förmån för nya?": 4,
    "”Kvalitetsnämnden för samverkan i Skåne”?!": 3,
    "Hur säkerställs en enad front ut i kommunikationen med medborgaren?": 2,
}
NOTES = {
    "Highlights från dagen": [
        "Skånes aktörer ska ha en ”enad front ut” mot patienten",
        "”SKL – Skånes Kommuner & Landsting”",
    ],
    "Kolliderande synsätt och känsliga frågor": [
        "Ska samverkan organiseras utifrån politik/tjänstemannanivå eller utifrån kunden/brukaren?",
        "En toppstyrd region kolliderar med visionen att utveckla en äldresatsning underifrån",
        "Otydlighet och konflikt i ansvarsfrågan mellan politik och tjänstemän, region och kommun",
    ],
    "Skribenternas reflektioner": [
        "För homogena och samstämmiga grupper",
        "Kunder, medborgare, privata företag och pensionärsorganisationer bör bjudas in i fortsättningen",
        "Tjänstemännen efterfrågar tydligare mål från politiken",
        "Avsaknad av brukarfokus i diskussionerna",
    ],
    "Punkter från slutdiskussion": [
        "Hur hittar vi ett förhållningssätt i den gråzon som uppstår mellan olika aktörers ansvar?",
        "Fokusera, analysera och utveckla välfungerande samarbeten",
        "Konkretisera i stället för att abstrahera",
        "Våga blotta egna brister till förmån för utveckling och förbättringsarbete",
    ],
}
LISTED = [
    ("Anna Lindqvist", "Förvaltningschef", "Malmö stad"),
    ("Erik Nilsson", "Verksamhetschef primärvård", "Region Skåne"),
    ("Maria Persson", "Avdelningschef äldreomsorg", "Lunds kommun"),
    ("Johan Berg", "Politiker", "Kommunförbundet Skåne"),
]
PARTICIPANTS = 36


def load_demo(session: DbSession, facilitator: Facilitator) -> Workshop:
    """Seed 002's day as a finished workshop run by `facilitator`."""
    rng = random.Random(2)  # the same demo every time
    ids = (f"demo-{n:08d}" for n in itertools.count())
    workshop = create_from_template(
        session,
        facilitator,
        "samverkan",
        TITLE,
        date=dt.date(2026, 9, 25),
        place="S:t Gertrud, Malmö",
        organizer="Region Skåne och Kommunförbundet Skåne",
    )
    groups = add_groups(session, workshop, "Bord 1\nBord 2\nBord 3\nBord 4\nBord 5\nBord 6")
    people = [*LISTED, *[("", "", "")] * (PARTICIPANTS - len(LISTED))]
    phones = [
        join_workshop(session, workshop, name, groups[n % len(groups)].id, role, organisation)
        for n, (name, role, organisation) in enumerate(people)
    ]
    words, prerequisites, obstacles, track_step, _final = workshop.steps

    agenda.open_step(session, words)
    sent = {phone.id: 0 for phone in phones}
    for text, count in WORDS.items():
        for phone in rng.sample([p for p in phones if sent[p.id] < 3], count):
            submit_word(session, phone, words.id, next(ids), text)
            sent[phone.id] += 1
    word_review.decide(session, words, facilitator.id, "highlight", {"key": "tillit"})

    agenda.open_step(session, prerequisites)
    themes: dict[str, int] = {}
    for name, texts in PREREQUISITES.items():
        themes[name] = board.create_theme(session, prerequisites, name).reply["theme_id"]
        for text in texts:
            card_id = _card(session, rng.choice(phones), prerequisites.id, next(ids), text)
            board.move_card(session, prerequisites, card_id, themes[name], None)
            if text == "En gemensam målbild för alla huvudmän":
                board.set_card_flag(session, prerequisites, card_id, "highlight", True)

    agenda.open_step(session, obstacles)
    for name, (hinder, mojligheter) in OBSTACLES.items():
        for category, texts in (("Hinder", hinder), ("Möjligheter", mojligheter)):
            for text in texts:
                _card(session, rng.choice(phones), obstacles.id, next(ids), text, themes[name], category)

    agenda.open_step(session, track_step)
    for text in TRACKS:
        tracks.propose_track(
            session, rng.choice(phones), {"id": next(ids), "step_id": track_step.id, "text": text}
        )
    agenda.set_step_setting(session, track_step, "voting", True)
    by_text = {t.text: t for t in tracks.tracks_of(session, track_step.id)}
    dots_left = {phone.id: 3 for phone in phones}
    for text, wanted in TRACKS.items():
        placed = 0
        for phone in rng.sample(phones, len(phones)):
            if placed == wanted:
                break
            if dots_left[phone.id]:
                tracks.vote(
                    session,
                    phone,
                    {
                        "id": next(ids),
                        "step_id": track_step.id,
                        "track_id": by_text[text].id,
                        "dots": 1,
                        "n": 1,
                    },
                )
                dots_left[phone.id] -= 1
                placed += 1
    curation.set_phase(session, track_step, "voting", False)
    curation.set_phase(session, track_step, "revealed", True)
    first = by_text[next(iter(TRACKS))]
    curation.set_track_flag(session, track_step, first.id, "highlight", True)

    agenda.close_step(session, track_step)
    for category, texts in NOTES.items():
        for text in texts:
            notes.add_note(session, workshop, facilitator.id, category, text)
    return workshop


def _card(
    session: DbSession,
    phone: Participant,
    step_id: int,
    client_id: str,
    text: str,
    theme: int | None = None,
    category: str | None = None,
) -> int:
    """A card as a phone sends it; its id."""
    payload: dict[str, object] = {"id": client_id, "step_id": step_id, "text": text}
    if theme is not None:
        payload["theme_id"] = theme
    if category is not None:
        payload["category"] = category
    return int(submit_card(session, phone, payload).ack["card"]["id"])


# Seed 004: regional dialogue meetings on the supply of skills in health care, then a
# synthesis. Three of the six meetings, each with its own tables' themes.
SERIES_TITLE = "Framtidens vårdkompetens – regionala dialogmöten"
REGIONAL = {
    "Umeå": {
        "Gemensam målbild": [
            "En gemensam målbild för kompetensförsörjningen",
            "Tydliggör vad vi ska samverka kring",
        ],
        "Öronmärkta resurser": [
            "Resurser öronmärkta för samverkan",
            "Finansiering av gemensamma utbildningsplatser",
        ],
        "Löpande dialog": ["Återkommande möten mellan lärosäte och region", "Dialog också mellan mötena"],
    },
    "Linköping": {
        "Gemensamma mål": ["Gemensamma mål för VFU-platser", "Kort- och långsiktiga strategier"],
        "Resurser": ["Öronmärkta medel för handledning"],
        "Struktur och styrning": ["En gemensam struktur för styrningen", "Samverkansavtal på olika nivåer"],
    },
    "Göteborg": {
        "Målbild": ["En målbild som alla aktörer delar"],
        "Styrning": ["Tydlig styrning av samverkansarenan", "Alla aktörer representerade"],
        "Gemensamt ansvar": [
            "Ett gemensamt ansvar för kompetensförsörjningen",
            "Lärosäten och regioner planerar tillsammans",
        ],
    },
}
REGIONAL_OBSTACLES = [
    ("Hinder", "Vårdens huvudmän agerar regionalt, lärosätenas uppdrag är nationellt", "Nationell"),
    ("Hinder", "Olika planeringshorisonter hos region och lärosäte", "Regional"),
    ("Möjligheter", "Det finns redan bra regionala arenor att utveckla", "Regional"),
    ("Möjligheter", "Lokala samverkansgrupper kring VFU", "Lokal"),
]
REGIONAL_TRACKS = {
    "Hur kan de regionala arenorna vidareutvecklas?": (5, 3, 4),
    "Hur kan en kompletterande nationell samverkansarena se ut?": (4, 5, 2),
    "Vilka frågor hanteras bäst regionalt och vilka nationellt?": (2, 2, 5),
}


def load_demo_series(session: DbSession, facilitator: Facilitator) -> Series:
    """Three regional meetings in the manner of seed 004, and the series that compiles them."""
    rng = random.Random(4)
    ids = (f"demo-series-{n:08d}" for n in itertools.count())
    meetings = []
    for number, (place, themes) in enumerate(REGIONAL.items()):
        workshop = create_from_template(
            session,
            facilitator,
            "samverkan",
            f"Dialogmöte {place}",
            date=dt.date(2026, 11, 7 + 7 * number),
            place=place,
            organizer="Framtidens vårdkompetens",
        )
        phones = [join_workshop(session, workshop) for _ in range(15)]
        _, prerequisites, obstacles, track_step, _ = workshop.steps
        agenda.open_step(session, prerequisites)
        theme_ids = []
        for name, texts in themes.items():
            theme_id = board.create_theme(session, prerequisites, name).reply["theme_id"]
            theme_ids.append(theme_id)
            for text in texts:
                card_id = _card(session, rng.choice(phones), prerequisites.id, next(ids), text)
                board.move_card(session, prerequisites, card_id, theme_id, None)
        agenda.open_step(session, obstacles)
        for category, text, level in REGIONAL_OBSTACLES:
            payload = {
                "id": next(ids),
                "step_id": obstacles.id,
                "text": text,
                "category": category,
                "level": level,
            }
            submit_card(session, rng.choice(phones), {**payload, "theme_id": rng.choice(theme_ids)})
        agenda.open_step(session, track_step)
        agenda.set_step_setting(session, track_step, "voting", True)
        for text, dots in REGIONAL_TRACKS.items():
            outcome = tracks.propose_track(
                session, phones[0], {"id": next(ids), "step_id": track_step.id, "text": text}
            )
            for phone in phones[: dots[number]]:
                vote = {
                    "id": next(ids),
                    "step_id": track_step.id,
                    "track_id": outcome.ack["track"]["id"],
                    "dots": 1,
                    "n": 1,
                }
                tracks.vote(session, phone, vote)
        agenda.close_step(session, track_step)
        meetings.append(workshop.id)
    return create_series(session, facilitator.id, SERIES_TITLE, meetings)
