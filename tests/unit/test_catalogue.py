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
