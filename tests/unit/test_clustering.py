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


def test_ranking_every_waiting_card_at_once_gives_each_cards_own_ranking(backend: Backend) -> None:
    """The worker ranks all waiting cards in one call (the board read once): the same
    themes and scores as one card at a time against the same board."""
    waiting = ["Mer resurser och pengar", "Tillit mellan parterna", "Ett gemensamt mål", "Något annat"]
    together = backend.ranked_all(waiting, THEMES, context=waiting)
    for text, ranked in zip(waiting, together, strict=True):
        alone = backend.ranked(text, THEMES, context=waiting)
        assert [i for i, _s in ranked] == [i for i, _s in alone]
        assert [s for _i, s in ranked] == pytest.approx([s for _i, s in alone], abs=1e-6)
    assert backend.ranked_all([], THEMES) == [] and backend.ranked_all(["Tillit"], []) == [[]]


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


# What the backends reach on the five development topics (bench/clustering.py, 425 cards
# in 33 themes, two labelled cards per theme), measured 2026-12-04 over five splits:
# semantic 0.648 right first and 0.904 among three, lexical 0.479 and 0.715. Two splits
# here (semantic 0.649 and 0.914), with a little room for them.
AIMS = {"semantic": (0.62, 0.89), "lexical": (0.45, 0.69)}


def test_suggestions_on_the_development_topics(backend: Backend) -> None:
    from bench.clustering import load, load_more, suggest_scores

    sets = {"samverkan": load(), **load_more()}
    assert sum(len(cards) for themes in sets.values() for _n, cards in themes) >= 300
    assert sum(len(themes) for themes in sets.values()) >= 12 and len(sets) >= 3
    found = [suggest_scores(backend, themes, seed) for themes in sets.values() for seed in range(2)]
    asked = sum(f[2] for f in found)
    first, among_three = AIMS[backend.name]
    assert sum(f[0] for f in found) / asked >= first
    assert sum(f[1] for f in found) / asked >= among_three


def test_proposed_names_are_words_of_their_cards_never_stop_words(backend: Backend) -> None:
    from analysis.word_keys import swedish_stop_words, tokens
    from bench.clustering import load_more

    for themes in load_more().values():
        cards = [card for _n, texts in themes for card in texts]
        for proposal in backend.propose(cards):
            words = {w for i in proposal.cards for w in tokens(cards[i])}
            for part in proposal.name.split(", "):
                assert part.casefold() in words, (part, proposal.name)
                assert part.casefold() not in swedish_stop_words()
