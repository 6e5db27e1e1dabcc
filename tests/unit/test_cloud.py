"""The projector's word cloud: stable layout, readable colours, escaped text."""

from __future__ import annotations

import random

import numpy as np
import pytest

from analysis import cloud


def luminance(color: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(one: str, other: str) -> float:
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_colour_meets_wcag_aa_against_the_background() -> None:
    for color in cloud.PALETTE:
        assert contrast(color, cloud.BACKGROUND) >= 4.5, color


WORDS = [
    ("samverkan", "Samverkan", 12),
    ("tillit", "Tillit", 8),
    ("bygga bro", "Bygga broar", 6),
    ("ömsesidig respekt", "Ömsesidig respekt", 4),
    ("prata", "Prata", 3),
    ("win-win", "Win-win", 2),
] + [(f"ord {i}", f"Ord {i}", 1) for i in range(40)]


def test_the_same_input_gives_the_same_layout() -> None:
    assert cloud.layout(WORDS) == cloud.layout(WORDS)


def test_words_keep_their_places_when_one_more_arrives() -> None:
    before = cloud.layout(WORDS)
    after = cloud.layout([*WORDS, ("lyssna", "Lyssna", 1)], before)
    places = {p.key: (p.x, p.y, p.font_size) for p in before}
    kept = [p for p in after if places.get(p.key) == (p.x, p.y, p.font_size)]
    assert len(kept) == len(before)
    assert "lyssna" in {p.key for p in after}


def test_a_growing_word_stays_near_its_place() -> None:
    before = cloud.layout(WORDS)
    grown = [(k, t, c + 1 if k == "prata" else c) for k, t, c in WORDS]
    after = {p.key: p for p in cloud.layout(grown, before)}
    old = next(p for p in before if p.key == "prata")
    assert abs(after["prata"].x - old.x) < 40 and abs(after["prata"].y - old.y) < 80


def test_a_full_cloud_keeps_its_words_in_place_as_more_arrive() -> None:
    # In a full room words are drawn smaller than their count asks for; they keep that
    # place and size while what they ask for stays the same, instead of moving each time.
    words = [(f"ord {i}", f"Ordet {i}", 1) for i in range(140)]
    before = cloud.layout(words)
    assert any(p.font_size < p.wanted for p in before)  # the room is full
    after = cloud.layout([*words, *((f"ny {i}", f"Nytt {i}", 1) for i in range(8))], before)
    places = {p.key: (p.x, p.y, p.font_size) for p in after}
    assert all(places.get(p.key) == (p.x, p.y, p.font_size) for p in before)


def test_a_layout_stored_before_the_wanted_size_was_kept_still_reads() -> None:
    placement = cloud.Placement.from_json(["tillit", "Tillit", 3, 42, 10, 20, False, "#ffffff"])
    assert placement.wanted == 42
    assert cloud.Placement.from_json(placement.as_json()) == placement


def test_a_spot_is_found_when_only_one_is_free() -> None:
    # wordcloud's own pick counts the free spots from 1 but draws from 0: with one spot
    # free, it found nothing half the time, and a refusal could not be remembered.
    canvas = cloud._Canvas()
    full = np.full((cloud.HEIGHT, cloud.WIDTH), 255, dtype=np.uint8)
    full[100:130, 200:280] = 0  # room for a 30 x 80 box at exactly one place
    canvas.image = cloud.Image.fromarray(full)
    canvas.recount()
    for seed in range(20):
        assert canvas.find_spot(30, 80, random.Random(seed)) == (99, 199)
    assert canvas.find_spot(31, 80, random.Random(0)) is None


OVERFLOWING = [(f"ord {i}", f"Ordet nummer {i}", 1 + i % 3) for i in range(400)]


def test_boxes_too_big_for_the_room_are_refused_without_searching_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # More words than fit: each that does not is tried at every smaller size.
    searches = []
    search = cloud.IntegralOccupancyMap.sample_position

    def counted(self: object, *args: object) -> object:
        searches.append(args[:2])
        return search(self, *args)

    monkeypatch.setattr(cloud.IntegralOccupancyMap, "sample_position", counted)
    remembered = cloud.layout(OVERFLOWING)
    with_memory = len(searches)

    def always_search(self: cloud._Canvas, height: int, width: int, rng: random.Random) -> object:
        return self.occupancy.sample_position(height, width, cloud._Picks(rng))

    monkeypatch.setattr(cloud._Canvas, "find_spot", always_search)
    searches.clear()
    assert cloud.layout(OVERFLOWING) == remembered  # the same cloud
    assert with_memory * 3 < len(searches)
    assert len(remembered) < len(OVERFLOWING)


def test_the_svg_fills_16_to_9_escapes_text_and_embeds_the_font() -> None:
    svg, placements = cloud.render([("x", "<script>alert(1)</script>", 3), ("ao", "Åsa & Örjan", 2)])
    assert 'width="1920"' in svg and 'height="1080"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "Åsa &amp; Örjan" in svg
    assert "@font-face" in svg and len(placements) == 2


def test_an_empty_cloud_is_a_blank_picture() -> None:
    svg, placements = cloud.render([])
    assert placements == [] and svg.startswith("<svg")
