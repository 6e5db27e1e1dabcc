"""The workshop archive: one versioned JSON file with everything a workshop holds, which
can be imported again as a new workshop (export → import → export gives the same file,
but for the moment it was written).

This module knows the file: its format name, its version, how values are written and
what a valid file looks like. `content.archive` knows the tables.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

FORMAT = "rundabord-workshop"
# 2: the workshop's list of levels; a card's level is that list's text (in 1, one of four
# keys such as "lokal"). Version 1 files are still read (content.archive upgrades them).
VERSION = 2
READS = (1, 2)


class ArchiveError(ValueError):
    """The file is not a Rundabord archive this version can read; `reason` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def write_archive(
    workshop: dict[str, Any], tables: dict[str, list[dict[str, Any]]], now: dt.datetime
) -> bytes:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": now.isoformat(timespec="seconds"),
        "workshop": workshop,
        "tables": tables,
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True, default=_plain).encode("utf-8")


def read_archive(raw: bytes) -> dict[str, Any]:
    """The archive's content, checked for its format and version (not yet for its rows)."""
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ArchiveError("not_json") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ArchiveError("not_an_archive")
    if data.get("version") not in READS:
        raise ArchiveError("unknown_version")
    if not isinstance(data.get("workshop"), dict) or not isinstance(data.get("tables"), dict):
        raise ArchiveError("incomplete")
    return data


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot archive {type(value).__name__}")
