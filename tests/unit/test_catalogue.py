"""Every interface string is in the Swedish catalogue, translated and not fuzzy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]


def test_every_string_in_the_sources_has_a_swedish_translation(tmp_path: Path) -> None:
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "lazy_gettext",
            "-k",
            "_l",
            "-k",
            "_nl:1,2",
            "-k",
            "plural:1,2",
            "-o",
            str(pot),
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {m.id for m in read_po(handle) if m.id}
    with (ROOT / "translations/sv/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle, locale="sv")
    # A plural's string is a tuple: every form must be there.
    translated = {
        m.id
        for m in catalogue
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string]) and not m.fuzzy
    }
    missing = sorted(str(m) for m in wanted - translated)
    assert not missing, f"run `make messages` and translate: {missing}"


def test_a_counting_string_has_its_form_for_one_on_pages_and_in_exports() -> None:
    """ "1 skrivna hittills", "1 röster": a page's scripts and the exports take the form for
    one under "<key>_one" (webapp/static/js/live.js's loadStrings, export.report.label_in)."""
    from export.report import label_in
    from facilitator.strings import page_strings, plural, report_labels
    from webapp import create_app

    app = create_app({"TESTING": True})
    with app.test_request_context(headers={"Accept-Language": "sv"}):
        strings = page_strings({"votes": plural("{count} vote", "{count} votes"), "title": "Ord"})
        assert strings == {"votes": "{count} röster", "votes_one": "{count} röst", "title": "Ord"}
        labels = report_labels()
    assert label_in(labels, "quotes_count", count=1) == "1 citat"
    assert label_in(
        {"quotes_count": "{count} quotes", "quotes_count_one": "{count} quote"}, "quotes_count", count=1
    ) == ("1 quote")
    assert label_in({}, "quotes_count", count=2) == "2 citat"  # the Swedish defaults
