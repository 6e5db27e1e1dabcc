"""Step settings and join codes: validation tables."""

from __future__ import annotations

from typing import Any

import pytest

from models.errors import InvalidInput
from models.workshops import JOIN_CODE_ALPHABET, clean_join_code
from steps.settings import clean_settings


@pytest.mark.parametrize(
    ("kind", "raw", "field"),
    [
        ("words", {"max_words": "0"}, "max_words"),
        ("words", {"max_words": "many"}, "max_words"),
        ("words", {"max_length": 1000}, "max_length"),
        ("cards", {"categories": ["x" * 301]}, "categories"),
        ("cards", {"categories": [f"k{i}" for i in range(21)]}, "categories"),
        ("tracks", {"dots": 0}, "dots"),
        ("discussion", {"timer_minutes": -1}, "timer_minutes"),
        ("poll", {}, "kind"),
    ],
)
def test_bad_settings_name_the_field(kind: str, raw: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_settings(kind, raw)
    assert caught.value.params == {"field": field}


def test_settings_take_defaults_and_split_lines() -> None:
    assert clean_settings("words", {}) == {
        "max_words": 3,
        "max_length": 40,
        "show_list": False,
        "key_version": 1,
    }
    cards = clean_settings("cards", {"categories": "Hinder\n\n  Möjligheter \n"})
    assert cards["categories"] == ["Hinder", "Möjligheter"]


def test_join_codes_have_no_look_alike_characters() -> None:
    assert not set("0O1IL") & set(JOIN_CODE_ALPHABET)


@pytest.mark.parametrize(
    ("typed", "code"), [("k7m2qx", "K7M2QX"), (" K7M-2QX ", "K7M2QX"), ("k7 m2 qx", "K7M2QX")]
)
def test_typed_codes_ignore_case_spaces_and_dashes(typed: str, code: str) -> None:
    assert clean_join_code(typed) == code
