"""Merge Swedish translations into translations/sv/LC_MESSAGES/messages.po.

    python tools/translate.py strings.py   # a module with a dict SV = {msgid: msgstr}

Used when new strings arrive: `make messages` updates the catalogue from the
sources, this fills in the Swedish, and `make check-messages` fails on any gap.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PO = Path(__file__).resolve().parent.parent / "translations/sv/LC_MESSAGES/messages.po"


def main(source: str) -> None:
    strings: dict[str, str] = runpy.run_path(source)["SV"]
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="sv")
    for message in catalog:
        if message.id and message.id in strings:
            message.string = strings[message.id]
            message.flags.discard("fuzzy")
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, no_location=True, sort_output=True)


if __name__ == "__main__":
    main(sys.argv[1])
