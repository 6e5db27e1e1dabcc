"""Normalising and counting the words participants send to a word cloud.

The key decides which entries count as the same word; the displayed form is the
surface form people used most often, so the cloud shows their words, not ours.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'", "´": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_EDGE_PUNCTUATION = " \t\n\"'.,;:!?*_"  # brackets stay: "Samverkan (SKL)"
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """The text as a participant meant it: NFC, one space between words, no edge punctuation."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCTUATION)
    return re.sub(r"\s*-\s*", "-", text)


def key(text: str) -> str:
    """The grouping key: the cleaned text, case-folded."""
    return clean(text).casefold()


@dataclass(frozen=True)
class WordCount:
    """One word of the cloud: its key, the form shown, and how many sent it."""

    key: str
    display: str
    count: int


def rank(entries: Iterable[tuple[str, str]]) -> list[WordCount]:
    """Count (key, surface text) pairs; most frequent first, ties alphabetically.

    The displayed form is the most frequent surface form; on a tie, the first seen.
    """
    forms: dict[str, Counter[str]] = {}
    for entry_key, text in entries:
        forms.setdefault(entry_key, Counter())[clean(text)] += 1
    counts = [
        WordCount(key=k, display=c.most_common(1)[0][0], count=sum(c.values())) for k, c in forms.items()
    ]
    return sorted(counts, key=lambda w: (-w.count, w.display.casefold()))
