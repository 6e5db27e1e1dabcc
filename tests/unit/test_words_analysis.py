"""Normalising, lemmatising, holding and grouping words (analysis.words, no database)."""

from __future__ import annotations

import pytest

from analysis.words import Decisions, Entry, Group, WordFilter, clean, group, key, parse_word_list, sort_key


@pytest.mark.parametrize(
    ("raw", "cleaned"),
    [
        ("  Tillit ", "Tillit"),
        ("Bygga   broar", "Bygga broar"),
        ("”Win-win”", "Win-win"),
        ("win – win", "win-win"),
        ("Samverkan!", "Samverkan"),
        ("Ömsesidig\nrespekt", "Ömsesidig respekt"),
        ("...", ""),
        ("<b>Prata</b>", "<b>Prata</b>"),
        ("Samverkan (SKL).", "Samverkan (SKL)"),
    ],
)
def test_clean_keeps_what_the_participant_meant(raw: str, cleaned: str) -> None:
    assert clean(raw) == cleaned


# Inflections that are one idea, from the vocabulary of the seed workshops
# (seeds 002 and 004): they must share a key.
SAME = [
    ("samarbete", "samarbetet"),
    ("samarbete", "samarbeten"),
    ("Samarbete", "samarbetena"),
    ("bygga broar", "Bygga bron"),
    ("bygga broar", "bygger broar"),
    ("bro", "broar"),
    ("tillit", "Tilliten"),
    ("förtroende", "förtroendet"),
    ("relation", "relationer"),
    ("relation", "relationerna"),
    ("nätverk", "nätverket"),
    ("nätverk", "nätverken"),
    ("samtal", "samtalen"),
    ("samtal", "samtalet"),
    ("lyssna", "lyssnar"),
    ("lyssna", "lyssnade"),
    ("prata", "pratar"),
    ("prata", "pratade"),
    ("träffas", "träffades"),
    ("kommunikation", "kommunikationen"),
    ("trygghet", "tryggheten"),
    ("öppenhet", "Öppenheten"),
    ("vilja", "viljan"),
    ("helhetssyn", "helhetssynen"),
    ("gemenskap", "gemenskapen"),
    ("individ", "individen"),
    ("individ", "individerna"),
    ("förståelse", "förståelsen"),
    ("respekt", "respekten"),
    ("ömsesidig respekt", "ömsesidiga respekten"),
    ("mål", "målen"),
    ("mål", "målet"),
    ("ansvar", "ansvaret"),
    ("huvudman", "huvudmännen"),
    ("patient", "patienten"),
    ("patient", "patienterna"),
    ("brukare", "brukaren"),
    ("brukare", "brukarna"),
    ("kund", "kunden"),
    ("kund", "kunder"),
    ("politik", "politiken"),
    ("kommun", "kommunerna"),
    ("kommun", "kommunen"),
    ("region", "regionen"),
    ("region", "regioner"),
    ("vård", "vården"),
    ("möte", "mötet"),
    ("möte", "möten"),
    ("mötesplats", "mötesplatser"),
    ("tydlig", "tydliga"),
    ("tydligt", "tydliga"),
    ("dialog", "dialogen"),
    ("ekonomi", "ekonomin"),
    ("styrning", "styrningen"),
    ("ledning", "ledningen"),
    ("verksamhet", "verksamheter"),
    ("förändring", "förändringar"),
    ("engagemang", "engagemanget"),
    ("gemensam", "gemensamma"),
    ("resurs", "resurser"),
    ("kunskap", "kunskapen"),
    ("aktör", "aktörerna"),
    ("sömlösa övergångar", "sömlös övergång"),
    ("uppdrag", "uppdraget"),
    ("förhållningssätt", "förhållningssättet"),
    ("brist", "brister"),
    ("samverkansforum", "samverkansforumet"),
    ("medborgare", "medborgarna"),
    ("Win-win", "win – win"),
    ("e-hälsa", "e-hälsan"),
    ("omsorg", "omsorgen"),
    ("kontinuitet", "kontinuiteten"),
    ("rutin", "rutiner"),
    ("nätverk", "Nätverk."),
    ("TILLIT", " tillit "),
    ("Bygga broar", "bygga  BROAR"),
    ("effektivitet", "effektiviteten"),
    ("prestigelöshet", "prestigelösheten"),
]

# Different ideas that share letters: they must keep their own keys.
DIFFERENT = [
    ("möte", "mötesplats"),
    ("gemensam", "gemenskap"),
    ("tillit", "tillitsbaserad"),
    ("samverkan", "samarbete"),
    ("vård", "omsorg"),
    ("ansvar", "ansvarsfrågan"),
    ("styrning", "ledning"),
    ("kommun", "kommunikation"),
    ("region", "regional"),
    ("trygg", "trygghet"),
    ("öppen", "öppenhet"),
    ("bro", "broa"),
    ("vård", "vårda"),
    ("kund", "kunskap"),
    ("tid", "tidig"),
    ("förtroende", "förtroendevald"),
    ("patient", "patientsäkerhet"),
    ("nätverk", "verk"),
    ("bygga broar", "broar"),
    ("tillit", "tillit och respekt"),
]


@pytest.mark.parametrize(("one", "other"), SAME)
def test_inflections_share_a_key(one: str, other: str) -> None:
    assert key(one) == key(other)


@pytest.mark.parametrize(("one", "other"), DIFFERENT)
def test_different_words_keep_their_own_keys(one: str, other: str) -> None:
    assert key(one) != key(other)


def test_the_tables_are_large_enough() -> None:
    assert len(SAME) + len(DIFFERENT) >= 60
    assert len(SAME) >= 60


def test_phrases_stay_phrases() -> None:
    assert key("Bygga broar") == "bygga bro"
    assert key("Ömsesidig respekt") == "ömsesidig respekt"


def test_swedish_alphabetical_order_puts_a_ring_before_a_umlaut() -> None:
    words = ["Öppenhet", "Ärlighet", "Åtagande", "Lyssna"]
    assert sorted(words, key=sort_key) == ["Lyssna", "Åtagande", "Ärlighet", "Öppenhet"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("och", "stop_word"),
        ("det är", "stop_word"),
        ("The", "stop_word"),
        ("Tillsammans", None),  # a stop word elsewhere, an answer here
        ("Tydligt", None),
        ("samverkan", None),
        ("fan", "profanity"),
        ("Dra åt helvete!", "profanity"),
        ("ett helvete", "profanity"),
        ("hård styrning", None),
        ("bygga broar", None),
    ],
)
def test_filter_holds_stop_words_and_profanity(text: str, reason: str | None) -> None:
    assert WordFilter.for_workshop().reason(text) == reason


def test_workshop_can_add_and_let_through_words() -> None:
    held = WordFilter.for_workshop(held=["byråkrati"], allowed=["fan", "och"])
    assert held.reason("Byråkratin") == "profanity"
    assert held.reason("fan") is None
    assert held.reason("och") is None


def test_parse_word_list_reads_lines_and_commas() -> None:
    assert parse_word_list("Byråkrati\n  silo , silo;\n\n") == ["byråkrati", "silo"]


def entries(*texts: str, held: tuple[int, ...] = ()) -> list[Entry]:
    return [Entry(id=i, key=key(t), text=t, held=i in held) for i, t in enumerate(texts, start=1)]


def test_group_counts_lemmas_and_shows_the_most_used_form() -> None:
    words = entries("samarbete", "Samarbetet", "samarbete", "Tillit", "tillit", "Win-win")
    assert [g.public() for g in group(words, Decisions())] == [
        {"key": "samarbete", "display": "samarbete", "count": 3},
        {"key": "tillit", "display": "Tillit", "count": 2},
        {"key": "winwin", "display": "Win-win", "count": 1},
    ]


def test_a_tie_between_forms_shows_the_first_sent() -> None:
    [only] = group(entries("Tillit", "tillit"), Decisions())
    assert only.display == "Tillit"


def test_merge_rename_split_hide() -> None:
    words = entries("Tillit", "Förtroende", "förtroendet", "Prata")
    decisions = Decisions()
    decisions.apply("merge", {"keys": ["förtroende", "tillit"], "display": "Tillit och förtroende"})
    merged, _ = group(words, decisions)
    assert merged == Group("förtroende", "Tillit och förtroende", 3, False, ("förtroende", "tillit"))
    decisions.apply("rename", {"key": "tillit", "display": "Förtroende"})
    assert group(words, decisions)[0].display == "Förtroende"
    decisions.apply("hide", {"key": "prata"})
    assert [g.hidden for g in group(words, decisions)] == [False, True]
    decisions.apply("split", {"key": "förtroende"})
    assert [(g.key, g.display, g.count) for g in group(words, decisions)] == [
        ("förtroende", "Förtroende", 2),
        ("prata", "Prata", 1),
        ("tillit", "Tillit", 1),
    ]


def test_merging_into_a_merge_and_new_entries_follow_the_merge() -> None:
    decisions = Decisions.replay(
        [
            ("merge", {"keys": ["tillit", "förtroende"], "display": "Tillit"}),
            ("merge", {"keys": ["respekt", "förtroende"], "display": "Respekt"}),
        ]
    )
    words = entries("tillit", "förtroendet", "respekten", "Förtroende")
    [only] = group(words, decisions)
    assert (only.key, only.display, only.count) == ("respekt", "Respekt", 4)
    assert set(only.members) == {"respekt", "tillit", "förtroende"}


def test_held_entries_count_only_when_approved() -> None:
    words = entries("fan", "Tillit", held=(1,))
    assert [g.key for g in group(words, Decisions())] == ["tillit"]
    approved = Decisions.replay([("approve", {"ids": [1]})])
    assert sorted(g.display for g in group(words, approved)) == ["Tillit", "fan"]


def test_group_can_be_limited_to_some_keys() -> None:
    words = entries("Tillit", "Prata", "prata")
    assert [g.key for g in group(words, Decisions(), only={"tillit"})] == ["tillit"]
