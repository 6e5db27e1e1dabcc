"""How well the word cloud decides which entries are one word, per kind of case.

    .venv/bin/python -m bench.word_merging [--split dev|check|all] [--show]

Scores labelled pairs of Swedish workshop words (bench/data/word_pairs_sv.csv: `kind`,
two texts, `same` 1 when a facilitator would count them as one word, and `split`: the
rules of `analysis.word_keys` were worked out on the `dev` half, the `check` half is
scored only). A pair is decided right when the two keys are equal exactly when `same`
is 1. Scored: every key version, and plain simplemma word by word (the baseline).
A false merge is a pair with `same` 0 whose keys are equal. `--show` lists the pairs the
newest version decides wrongly. Ends with one JSON line of figures.
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import simplemma

from analysis.word_keys import KEY_VERSION, key, lemma_v2, tokens

PAIRS = Path(__file__).resolve().parent / "data" / "word_pairs_sv.csv"


def load(split: str = "all") -> list[dict[str, str]]:
    with PAIRS.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    return [row for row in rows if split == "all" or row["split"] == split]


def plain_simplemma(text: str) -> str:
    return " ".join(str(simplemma.lemmatize(w, lang="sv")).casefold() for w in tokens(text))


def decided_right(row: dict[str, str], keyer: Callable[[str], str]) -> bool:
    return (keyer(row["a"]) == keyer(row["b"])) == (row["same"] == "1")


def score(rows: list[dict[str, str]], keyer: Callable[[str], str]) -> dict[str, Any]:
    """Share right overall and per kind, and the false merges."""
    kinds: dict[str, list[bool]] = {}
    for row in rows:
        kinds.setdefault(row["kind"], []).append(decided_right(row, keyer))
    false_merges = sum(1 for row in rows if row["same"] == "0" and keyer(row["a"]) == keyer(row["b"]))
    return {
        "right": round(sum(sum(v) for v in kinds.values()) / len(rows), 3),
        "false_merges": false_merges,
        "by_kind": {kind: round(sum(v) / len(v), 3) for kind, v in sorted(kinds.items())},
    }


def keyers() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"simplemma": plain_simplemma}
    for version in range(1, KEY_VERSION + 1):
        found[f"v{version}"] = functools.partial(key, version=version)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "check", "all"), default="all")
    parser.add_argument("--show", action="store_true", help="list the pairs the newest version gets wrong")
    args = parser.parse_args()
    figures: dict[str, Any] = {"pairs": len(load(args.split)), "split": args.split}
    for split in ("dev", "check", "all") if args.split == "all" else (args.split,):
        rows = load(split)
        for name, keyer in keyers().items():
            result = score(rows, keyer)
            figures[f"{name}_{split}_right_share"] = result["right"]
            figures[f"{name}_{split}_false_merges"] = result["false_merges"]
            if split == args.split:
                print(f"{name:10} {split:6} {result['right']:.3f}  false merges {result['false_merges']}")
                for kind, share in result["by_kind"].items():
                    figures[f"{name}_{kind}_right_share"] = share
                    print(f"    {kind:20} {share:.3f}")
    newest = keyers()[f"v{KEY_VERSION}"]
    lemma_v2.cache_clear()  # each text's words looked up anew (the dictionary stays loaded)
    started = time.perf_counter()
    rows = load("all")
    texts = [text for row in rows for text in (row["a"], row["b"])]
    for text in texts:
        newest(text)
    figures["key_cold_ms_per_text"] = round(1000 * (time.perf_counter() - started) / len(texts), 3)
    if args.show:
        for row in load(args.split):
            if not decided_right(row, newest):
                print(
                    f"WRONG {row['kind']:18} {row['a']!r} -> {newest(row['a'])!r} | "
                    f"{row['b']!r} -> {newest(row['b'])!r} (same={row['same']})"
                )
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
