"""Normalising, grouping and counting the words participants send to a word cloud.

Pure Python, no database: `steps.words.words` stores entries and decisions and calls
these functions, so a restart or a snapshot computes exactly the same cloud.

- `clean` is the text as the participant meant it (shown back to them).
- `key` (`analysis.word_keys`, versioned) decides which entries count as the same
  word: case, spacing, quotes and hyphens do not matter, and Swedish inflections share
  a lemma, so "samarbetet" and "samarbeten" count as "samarbete". Phrases stay
  phrases: every word of "bygga broar" is lemmatised.
- `WordFilter` holds entries for review instead of showing them: stop words
  (package `stop-words`) and profanity (the LDNOOBW lists, from npm), editable
  per workshop.
- `Decisions` replays a facilitator's merges, renames, splits and hides in order;
  `group` turns entries and decisions into the counted words of the cloud. The
  displayed form is the facilitator's choice or the group's most frequent surface
  form.

"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from stop_words import get_stop_words

from analysis.word_keys import KEY_VERSION as KEY_VERSION
from analysis.word_keys import clean as clean
from analysis.word_keys import clean_sentence as clean_sentence
from analysis.word_keys import key as key
from analysis.word_keys import lemma as lemma
from analysis.word_keys import tokens as tokens

_SWEDISH_ORDER = str.maketrans("åäö", "{|}")

WORDLISTS = Path(__file__).with_name("wordlists")

# Words of the stop-word list that participants use as answers in these workshops
# ("Tillsammans", "Beslut", "Tydligt"): counted, never held.
CONTENT_WORDS = frozenset(
    {
        *("tillsammans", "beslut", "beslutat", "beslutit", "bra", "bättre", "bäst", "tack"),
        *("enkel", "enkelt", "enkla", "god", "goda", "gott", "lika", "olika", "rätt", "själv"),
        *("viktig", "viktigt", "viktiga", "viktigare", "viktigast", "möjlig", "möjligt"),
        *("nödvändig", "nödvändigt", "nödvändiga", "stor", "stora", "stort", "helt"),
        *("framför", "mellan", "vilja", "vill", "tidig", "tidigt"),
    }
)
# Harmless words the profanity lists name, common in health and social care talk.
HARMLESS = frozenset({"hård", "sås", "stake", "olla", "pippa", "tusan", "prutt", "pitt"})


def warm_up() -> None:
    """Load simplemma's Swedish dictionary and the review lists now rather than on the first word."""
    WordFilter.for_workshop().reason(key("samarbetet"))


def sort_key(text: str) -> str:
    """Alphabetical order as Swedish readers expect it: å, ä, ö after z."""
    return text.casefold().translate(_SWEDISH_ORDER)


# --- Holding entries for review ---------------------------------------------------------


@functools.cache
def default_stop_words() -> frozenset[str]:
    words = set(get_stop_words("swedish")) | set(get_stop_words("english"))
    return frozenset(w.casefold() for w in words) - CONTENT_WORDS


@functools.cache
def default_profanity() -> frozenset[str]:
    words: set[str] = set()
    for language in ("sv", "en"):
        words.update(json.loads((WORDLISTS / f"{language}.json").read_text(encoding="utf-8")))
    return frozenset(clean(w).casefold() for w in words) - HARMLESS


def parse_word_list(text: str) -> list[str]:
    """A facilitator's list, one word or phrase per line (commas also separate)."""
    seen: dict[str, None] = {}
    for part in re.split(r"[\n,;]", text):
        word = clean(part).casefold()
        if word:
            seen.setdefault(word, None)
    return list(seen)


@dataclass(frozen=True)
class WordFilter:
    """Which entries wait for a facilitator before they are shown."""

    stop_words: frozenset[str]
    profanity: frozenset[str]

    @classmethod
    def for_workshop(cls, held: Iterable[str] = (), allowed: Iterable[str] = ()) -> WordFilter:
        """The default lists, plus the workshop's own words to hold, minus those it lets through."""
        allowed_set = {clean(w).casefold() for w in allowed}
        return cls(
            stop_words=default_stop_words() - allowed_set,
            profanity=(default_profanity() | {clean(w).casefold() for w in held}) - allowed_set,
        )

    def reason(self, text: str) -> str | None:
        """'profanity' or 'stop_word' when the entry should be held, else None."""
        words = tokens(text)
        if not words:
            return None
        phrase = " ".join(words)
        lemmas = [lemma(w) for w in words]
        for candidate in self.profanity:
            if " " in candidate and f" {candidate} " in f" {phrase} ":
                return "profanity"
        if any(w in self.profanity or lem in self.profanity for w, lem in zip(words, lemmas, strict=True)):
            return "profanity"
        if all(w in self.stop_words for w in words):
            return "stop_word"
        return None


# --- Decisions and groups -----------------------------------------------------------------

DECISION_KINDS = ("merge", "rename", "split", "hide", "unhide", "approve", "highlight", "unhighlight")


@dataclass
class Decisions:
    """The state a facilitator's decisions leave: merged keys, chosen names, hidden words."""

    aliases: dict[str, str] = field(default_factory=dict)  # key -> key it was merged into
    displays: dict[str, str] = field(default_factory=dict)  # group key -> displayed form
    hidden: set[str] = field(default_factory=set)  # group keys
    highlighted: set[str] = field(default_factory=set)  # group keys marked highlights of the day
    approved: set[int] = field(default_factory=set)  # ids of held entries let through

    def resolve(self, word_key: str) -> str:
        """The key of the group a word key belongs to now."""
        if word_key not in self.aliases:  # most words: merged into nothing
            return word_key
        seen = set()
        while word_key in self.aliases and word_key not in seen:
            seen.add(word_key)
            word_key = self.aliases[word_key]
        return word_key

    def members(self, group_key: str) -> list[str]:
        others = (k for k in self.aliases if k != group_key and self.resolve(k) == group_key)
        return [group_key, *sorted(others)]

    def apply(self, kind: str, data: dict[str, Any]) -> None:
        if kind == "merge":
            keys = [self.resolve(k) for k in data["keys"]]
            target = keys[0]
            for other in keys[1:]:
                if other != target:
                    self.aliases[other] = target
                    self.displays.pop(other, None)
                    self.hidden.discard(other)
                    if other in self.highlighted:  # a merged highlight stays one
                        self.highlighted.discard(other)
                        self.highlighted.add(target)
            self.displays[target] = data["display"]
        elif kind == "rename":
            self.displays[self.resolve(data["key"])] = data["display"]
        elif kind == "split":
            target = self.resolve(data["key"])
            for member in self.members(target)[1:]:
                del self.aliases[member]
            self.displays.pop(target, None)
        elif kind == "hide":
            self.hidden.add(self.resolve(data["key"]))
        elif kind == "unhide":
            self.hidden.discard(self.resolve(data["key"]))
        elif kind == "highlight":
            self.highlighted.add(self.resolve(data["key"]))
        elif kind == "unhighlight":
            self.highlighted.discard(self.resolve(data["key"]))
        elif kind == "approve":
            self.approved.update(int(i) for i in data["ids"])
        else:
            raise ValueError(kind)

    @classmethod
    def replay(cls, decisions: Iterable[tuple[str, dict[str, Any]]]) -> Decisions:
        state = cls()
        for kind, data in decisions:
            state.apply(kind, data)
        return state


class Entry(NamedTuple):
    """One stored word as the grouping sees it (a tuple: thousands are made per render)."""

    id: int
    key: str
    text: str
    held: bool = False
    times: int = 1  # how many words of this text it stands for (`steps.words.words.entry_rows`)


@dataclass(frozen=True, slots=True)
class Group:
    """One word of the cloud: its group key, the form shown, and how many sent it."""

    key: str
    display: str
    count: int
    hidden: bool = False
    members: tuple[str, ...] = ()
    highlight: bool = False

    def public(self) -> dict[str, Any]:
        """What the projector may see (never called for hidden groups)."""
        return {"key": self.key, "display": self.display, "count": self.count}

    def full(self) -> dict[str, Any]:
        """What the facilitator sees."""
        return {
            **self.public(),
            "hidden": self.hidden,
            "members": list(self.members),
            "highlight": self.highlight,
        }


def counted(entry: Entry, decisions: Decisions) -> bool:
    """Whether an entry counts: not held for review, or let through."""
    return not entry.held or entry.id in decisions.approved


def group(entries: Iterable[Entry], decisions: Decisions, only: set[str] | None = None) -> list[Group]:
    """Count entries into groups, most frequent first, ties in Swedish alphabetical order.

    `only` limits the result to these group keys (for updating a few rows).
    """
    # Per group, the count of each surface form in the order first seen (dicts keep order).
    forms: dict[str, dict[str, int]] = {}
    resolved: dict[str, str] = {}
    for entry in entries:
        if entry.held and entry.id not in decisions.approved:
            continue
        target = resolved.get(entry.key)
        if target is None:
            target = resolved[entry.key] = decisions.resolve(entry.key)
        if only is not None and target not in only:
            continue
        counts = forms.get(target)
        if counts is None:
            counts = forms[target] = {}
        counts[entry.text] = counts.get(entry.text, 0) + entry.times  # stored texts are already clean
    merged = set(decisions.aliases.values())
    groups = []
    for target, counts in forms.items():
        most_used = max(counts, key=counts.__getitem__)  # the first seen wins a tie
        groups.append(
            Group(
                target,
                decisions.displays.get(target, most_used),
                sum(counts.values()),
                target in decisions.hidden,
                tuple(decisions.members(target)) if target in merged else (target,),
                target in decisions.highlighted,
            )
        )
    return sorted(groups, key=lambda g: (-g.count, sort_key(g.display), g.key))
