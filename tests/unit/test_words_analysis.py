"""Normalising and counting words (the plain rules; Swedish lemmas come later)."""

from __future__ import annotations

import pytest

from analysis.words import WordCount, clean, key, rank


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


def test_key_merges_case_and_spacing() -> None:
    assert key("TILLIT") == key("tillit") == key(" Tillit.")
    assert key("Bygga broar") == key("bygga  BROAR")
    assert key("Tillit") != key("Trygghet")


def test_rank_counts_and_shows_the_most_used_form() -> None:
    entries = [(key(t), t) for t in ["tillit", "Tillit", "Tillit", "Prata", "prata", "Win-win"]]
    assert rank(entries) == [
        WordCount("tillit", "Tillit", 3),
        WordCount("prata", "Prata", 2),
        WordCount("win-win", "Win-win", 1),
    ]


def test_rank_breaks_ties_alphabetically_with_swedish_letters_last() -> None:
    entries = [(key(t), t) for t in ["Öppenhet", "Ärlighet", "Lyssna"]]
    assert [w.display for w in rank(entries)] == ["Lyssna", "Ärlighet", "Öppenhet"]
