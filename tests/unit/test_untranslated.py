"""No interface text is written into a template or a script outside the translation
catalogue: every visible string, and every label a screen reader reads, goes through
gettext, so the English and Swedish pages are both complete."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(
    p for p in ROOT.glob("*/templates/**/*.html") if ".venv" not in p.parts and "node_modules" not in p.parts
)
# Words that are the same in every language: the product's name.
ALLOWED = {"Rundabord"}
READ_ALOUD = {"alt", "title", "placeholder", "aria-label", "aria-description", "value"}
# A block that fills an attribute (the body's class) holds names, not text.
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
JINJA = re.compile(
    r"\{%\s*block body_class\s*%\}.*?\{%\s*endblock\s*%\}|\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}", re.DOTALL
)
LETTERS = re.compile(r"[^\W\d_]{2,}")


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self._skip: list[str] = []  # open script and style elements, and those marked with their own lang

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        # "På svenska" on an English page is meant: its element says which language it is in;
        # <kbd> names a key as printed on it.
        if tag in {"script", "style", "kbd"} or ((named.get("lang") or "").strip() and tag not in VOID):
            self._skip.append(tag)
        for name, value in attrs:
            if (
                name in READ_ALOUD
                and value
                and (name != "value" or named.get("type") in {"button", "submit"})
            ):
                self._check(value, f"<{tag} {name}>")

    def handle_endtag(self, tag: str) -> None:
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._check(data, "text")

    def _check(self, value: str, where: str) -> None:
        words = [w for w in LETTERS.findall(value) if w not in ALLOWED]
        if words:
            self.found.append(f"{where}: {value.strip()!r}")


def untranslated(source: str) -> list[str]:
    parser = _Texts()
    parser.feed(JINJA.sub(" ", source))
    return parser.found


def test_the_checker_finds_literal_text() -> None:
    page = (
        '<html lang="{{ locale }}"><p>Hej</p><img alt="Bild"><p>{{ _("Hi") }} Rundabord</p>'
        '<button lang="en">In English</button><b>Och</b></html>'
    )
    assert untranslated(page) == ["text: 'Hej'", "<img alt>: 'Bild'", "text: 'Och'"]


def test_every_template_text_goes_through_the_catalogue() -> None:
    assert TEMPLATES, "no templates found"
    found = {str(p.relative_to(ROOT)): untranslated(p.read_text(encoding="utf-8")) for p in TEMPLATES}
    assert {path: texts for path, texts in found.items() if texts} == {}
