"""Which words of a word cloud are one word: the grouping key of an entry.

Pure Python. A key is stored with each entry when it arrives (`steps.words.words`), so a
cloud is always counted the same way; a better key changes a step's cloud only when its
facilitator asks for the words to be counted again. Each way of keying is therefore a
version that never changes once released: a step keeps the version it started with
(`key_version` in its state), and new steps take `KEY_VERSION`.

- Version 1: every word case-folded and lemmatised with simplemma (an override table
  for its known misses); a hyphenated word's last part lemmatised.
- Version 2: also
  - one spelling for a word written with a hyphen, a space or nothing inside it
    (*e-tjänst*, *e tjänst*, *etjänst*; *Win-win*): hyphens between letters go, and two
    words are joined when they are one word of the dictionary written apart
    (*patient säkerhet*) or the first is a prefix such as *e* or *IT* (*e tjänst*);
  - an abbreviation inflected after a colon is the abbreviation (*LSS:are*, *BUP:en*);
  - an ellipsis, a dash or a soft hyphen at the edge of a word is punctuation;
  - a noun or adjective in its base form stays itself where simplemma's table reads it
    as a form of the verb made from it (*prat* is not *prata*, *trygg* not *trygga*),
    and a short word that is a word of its own is not read as another (*dom*, *bot*);
  - a compound the dictionary does not know is lemmatised by its last known part
    (*samverkansavtalen* → *samverkansavtal*, *etjänsterna* → *etjänst*).

Scored per kind of case on labelled pairs (bench/data/word_pairs_sv.csv) by
`bench/word_merging.py`.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import simplemma
from stop_words import get_stop_words

KEY_VERSION = 2

_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"', "«": '"', "»": '"', "’": "'", "‘": "'", "´": "'"})
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_EDGE_PUNCTUATION = " \t\n\"'.,;:!?*_"  # brackets stay: "Samverkan (SKL)"
_SPACE = re.compile(r"\s+")
_WORD_EDGES = "\"'.,;:!?*_()[]{}"

# Where simplemma's Swedish dictionary picks the wrong lemma (it reads "broar" as a
# form of "broa"). Keys are case-folded surface forms.
LEMMA_OVERRIDES = {
    "bro": "bro",
    "broar": "bro",
    "broarna": "bro",
    "bron": "bro",
    "träffas": "träffas",
    "träffades": "träffas",
    "träffats": "träffas",
    "uppdrag": "uppdrag",
    "uppdraget": "uppdrag",
    "uppdragen": "uppdrag",
    "samverkansforumet": "samverkansforum",
    "samverkansforumen": "samverkansforum",
}


def clean(text: str) -> str:
    """The text as a participant meant it: NFC, one space between words, no edge punctuation."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = _DASHES.sub("-", text)
    text = _SPACE.sub(" ", text).strip(_EDGE_PUNCTUATION)
    return re.sub(r"\s*-\s*", "-", text)


def clean_sentence(text: str) -> str:
    """A card or a track as written: NFC and one space between words; its punctuation
    ("Hur skapas tillit?") stays."""
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def tokens(text: str) -> list[str]:
    """The case-folded words of a cleaned text, without punctuation around them."""
    words = (w.strip(_WORD_EDGES) for w in clean(text).casefold().split(" "))
    return [w for w in words if w]


@functools.lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma of one case-folded Swedish word; the last part of a hyphenated one."""
    head, dash, last = word.rpartition("-")
    if dash and head and last:
        return f"{head}-{lemma(last)}"
    if word in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[word]
    if not word.isalpha():
        return word
    return str(simplemma.lemmatize(word, lang="sv")).casefold()


def key(text: str, version: int = KEY_VERSION) -> str:
    """The grouping key of an entry, as version `version` reads it."""
    return _key_v2(text) if version >= 2 else _key_v1(text)


def _key_v1(text: str) -> str:
    words = tokens(text)
    return " ".join(lemma(w) for w in words) if words else clean(text).casefold()


# --- Version 2 ---------------------------------------------------------------------------

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_EDGES_V2 = _WORD_EDGES + "-…‥‼⁇⁈⁉•·"
# Swedish endings written after a colon on an abbreviation: "LSS:are", "BUP:en", "SKR:s".
_COLON_ENDINGS = frozenset(
    {
        *("a", "an", "ans", "ar", "arna", "arnas", "are", "aren", "arens", "ares"),
        *("e", "en", "ens", "er", "erna", "ernas", "et", "ets", "n", "na", "nas", "ns"),
        *("or", "orna", "s", "t"),
    }
)
_ABBREVIATION = re.compile(r"^([0-9a-zåäöéü]{2,8}):([a-zåäö]{1,5})$")
# Short words that begin phrases ("ta del", "ge stöd"): never the first part of a word
# written apart, even when the two make a word ("tadel").
_PHRASE_VERBS = frozenset({"ta", "ge", "ha", "se", "gå", "få", "stå", "bli", "bo", "dra", "slå", "nå"})
_SHARED_ENDING = re.compile(r"-(och|eller|samt|respektive)\b")
# What begins a compound without being a word: "e-tjänst", "m-körkort", "IT-stöd".
_PREFIXES = frozenset({"e", "m", "it", "ai", "co"})
_DEFINITE = ("en", "et", "n", "erna", "arna", "orna")
# A base form the dictionary also lists under other words: how its own inflections end.
_OWN_ENDINGS = ("t", "et", "en", "ar", "er", "or", "n")


@functools.cache
def swedish_stop_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in get_stop_words("swedish"))


def _known(word: str) -> bool:
    return bool(simplemma.is_known(word, lang="sv"))


def _simplemma(word: str) -> str:
    return str(simplemma.lemmatize(word, lang="sv")).casefold()


def _tokens_v2(text: str) -> list[str]:
    text = clean(text.translate(_INVISIBLE)).casefold()
    text = _SHARED_ENDING.sub(r" \1", text)  # "hälso- och sjukvård": the hyphen stands for "vård"
    words = []
    for word in text.split(" "):
        word = word.strip(_EDGES_V2)
        abbreviation = _ABBREVIATION.match(word)
        if abbreviation and abbreviation.group(2) in _COLON_ENDINGS:
            word = abbreviation.group(1)
        word = re.sub(r"(?<=\w)-+(?=\w)", "-", word).strip(_EDGES_V2)
        if word:
            words.append(word)
    return _join_written_apart(words)


def _join_written_apart(words: list[str]) -> list[str]:
    """Two words that are one written apart: "patient säkerhet", "e tjänst", "win win"."""
    stop = swedish_stop_words()
    joined: list[str] = []
    for word in words:
        if joined and word.isalpha() and joined[-1].isalpha():
            first = joined[-1]
            free = first not in stop and first not in _PHRASE_VERBS and word not in stop
            if free and (first in _PREFIXES or first == word or _known(first + word)):
                joined[-1] = first + word
                continue
        joined.append(word)
    return joined


def _is_base_form(word: str) -> bool:
    """Whether the word is a base form of its own: one of its inflections reads back as it
    (an adjective in -en by its neuter in -et: "vaken", "vaket")."""
    forms = [word + ending for ending in _OWN_ENDINGS]
    if word.endswith("en"):
        forms.append(word[:-1] + "t")
    return any(_known(form) and _simplemma(form) == word for form in forms)


def _made_verb(word: str, found: str) -> bool:
    """Whether `found` is the verb made from the noun or adjective `word` ("prat" → "prata",
    "enkel" → "enkla"), not the verb `word` is a form of (present tense "kör" → "köra")."""
    if not found.endswith("a") or word.endswith("r"):
        return False
    syncope = len(word) > 3 and word[-2] == "e" and found == word[:-2] + word[-1] + "a"
    return found == word + "a" or syncope


@functools.lru_cache(maxsize=65536)
def is_noun(word: str) -> bool:
    """Whether a case-folded base form is a noun: it has a definite form that reads back as
    it ("skola", "skolan"); a verb or an adjective has none ("agera", "lång")."""
    return any(_known(word + ending) and _simplemma(word + ending) == word for ending in _DEFINITE)


def _plural_of_noun(word: str, found: str) -> str | None:
    """The noun whose plural in -er `word` is, where simplemma reads both as the verb made
    from that noun ("brist", "brister": not "brista"), and the plural has a definite form
    that reads back as the noun ("bristerna"). Plurals in -ar stay verbs: "vågar", "delar"
    are far more often the verbs (present tense of the first conjugation)."""
    stem = found[:-1]
    if not found.endswith("a") or word != stem + "er":
        return None
    definite = word + "na"
    if word.startswith(stem) and _known(definite) and _simplemma(definite) == stem:
        # Only where the singular is kept from the verb too ("brist"; "del" never was).
        return stem if lemma_v2(stem) == stem and _simplemma(stem) == found else None
    return None


@functools.lru_cache(maxsize=65536)
def lemma_v2(word: str, verb_first: bool = False) -> str:
    """The lemma of one case-folded word as version 2 reads it; a word written with
    hyphens is one word, inflected on its last part ("e-tjänster" → "etjänst").
    `verb_first`: the word begins a phrase, where a form that is a verb or a plural is
    the verb ("leder arbetet", "brister i")."""
    head, dash, last = word.rpartition("-")
    if dash:
        return head.replace("-", "") + (lemma_v2(last) if last else "")
    if word in LEMMA_OVERRIDES:
        return LEMMA_OVERRIDES[word]
    if not word.isalpha():
        return word
    found = _simplemma(word)
    if _known(word):
        misread = (
            _made_verb(word, found)
            or (len(word) <= 3 and len(found) < len(word) and word not in swedish_stop_words())  # "dom"
            or (word.endswith("en") and found == word[:-2])  # "vaken" is not the definite of "vak"
        )
        if found != word and misread and _is_base_form(word):
            return word
        return found if verb_first else _plural_of_noun(word, found) or found
    if found != word:
        return found
    # A compound the dictionary does not know: the longest last part it does know decides,
    # where what comes before it is a word too ("besluts|vägarna", "e|tjänsterna").
    for start in range(1, len(word) - 4):
        head, tail = word[:start], word[start:]
        if _known(tail) and _compound_head(head):
            return head + lemma_v2(tail)
    return word


def _compound_head(head: str) -> bool:
    """Whether `head` can begin a compound: a word, with or without its linking letter
    ("samverkans", "elevhälso" of "elevhälsa"), or a letter or two ("e", "it")."""
    if head in _PREFIXES or _known(head):
        return True
    stem = head[:-1]
    return head[-1] in "saeou" and len(stem) > 2 and (_known(stem) or _known(stem + "a"))


def _key_v2(text: str) -> str:
    words = _tokens_v2(text)
    if not words:
        return clean(text).casefold()
    return " ".join(lemma_v2(w, verb_first=n == 0 and len(words) > 1) for n, w in enumerate(words))
