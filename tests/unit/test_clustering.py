"""The clustering interface: both backends rank themes by name and cards, propose named
groups, cope with empty and odd input, and are deterministic."""

from __future__ import annotations

import pytest

from analysis.clustering import (
    Backend,
    LexicalBackend,
    SemanticBackend,
    ThemeInput,
    draft_name,
    make_backend,
    similar,
    suggestion_payload,
)

THEMES = [
    ThemeInput(1, "Resurser och finansiering", ["Öronmärkta resurser", "Budget för projekten"]),
    ThemeInput(2, "Tillit och relationer", ["Förtroende byggs över tid", "Personliga relationer"]),
    ThemeInput(3, "Gemensam målbild", ["Samsyn kring målen"]),
]


@pytest.fixture(params=["lexical", "semantic"], scope="module")
def backend(request: pytest.FixtureRequest) -> Backend:
    return LexicalBackend() if request.param == "lexical" else SemanticBackend()


def test_suggest_ranks_the_theme_by_its_name_and_cards(backend: Backend) -> None:
    assert backend.suggest("Mer resurser och pengar", THEMES)[0] == 1
    assert backend.suggest("Tillit mellan parterna", THEMES)[0] == 2
    assert backend.suggest("Ett gemensamt mål", THEMES, limit=3)[0] == 3
    assert sorted(backend.suggest("Något helt annat", THEMES, limit=5)) == [1, 2, 3]
    assert backend.suggest("Tillit", THEMES, limit=1) == backend.suggest("Tillit", THEMES, limit=1)


def test_a_theme_without_cards_is_found_by_its_name(backend: Backend) -> None:
    themes = [ThemeInput(7, "Kompetensförsörjning", []), ThemeInput(8, "Avtal", ["Skriva avtal"])]
    assert backend.suggest("Brist på kompetens och personal", themes)[0] == 7


def test_empty_and_odd_input(backend: Backend) -> None:
    assert backend.suggest("Tillit", []) == []
    assert backend.propose([]) == [] and backend.propose(["Ensam"]) == []
    assert len(backend.suggest("!!! 123", THEMES)) == 3
    assert isinstance(backend.propose(["och", "att", "det"]), list)


def test_propose_groups_similar_cards_with_a_draft_name(backend: Backend) -> None:
    cards = [
        "Öronmärkta resurser för samverkan",
        "Resurser och pengar saknas",
        "Mer resurser till vården",
        "Tillit mellan parterna",
        "Tillit byggs över tid",
        "Tillit och öppenhet",
    ]
    proposals = backend.propose(cards)
    assert proposals == backend.propose(cards)  # deterministic
    groups = {frozenset(p.cards) for p in proposals}
    if backend.name == "lexical":
        assert groups == {frozenset({0, 1, 2}), frozenset({3, 4, 5})}
    assert all(len(p.cards) >= 2 and p.name for p in proposals)


def test_draft_names_use_the_shared_distinctive_words() -> None:
    texts = ["Tillit mellan parterna", "Tillit byggs över tid", "Tillit och öppenhet"]
    assert draft_name(texts).startswith("Tillit")
    assert draft_name(["Samverkan", "samverkan"]) == "Samverkan"  # nothing better to go on


def test_similar_finds_cards_sharing_content_words() -> None:
    cards = ["Öronmärkta resurser", "Resursen saknas", "Tydliga roller", "öronmärkta resurser"]
    assert similar("resurserna är öronmärkta", cards) == ["Öronmärkta resurser", "Resursen saknas"]
    assert similar("och det", cards) == []


def test_worker_payloads() -> None:
    lexical = make_backend("lexical")
    reply = suggestion_payload(
        lexical,
        {
            "op": "suggest",
            "cards": [[10, "Mer resurser och budget"], [11, "Något helt annat"]],
            "themes": [[1, "Resurser", ["Budget för projekten"]], [2, "Tillit", ["Tillit mellan parterna"]]],
        },
    )
    # A card that leads one theme far is sure; one that fits none is suggested, not sure.
    assert reply == {"backend": "lexical", "suggestions": {"10": [1, 2], "11": [1, 2]}, "sure": [10]}
    reply = suggestion_payload(lexical, {"op": "propose", "cards": [[5, "Tillit"], [6, "Tillit byggs"]]})
    assert reply["proposals"] == [{"cards": [5, 6], "name": "Tillit"}]
    with pytest.raises(ValueError, match="unknown"):
        make_backend("magic")
