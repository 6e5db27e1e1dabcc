"""The workshop archive: one versioned JSON file with everything a workshop holds, which
can be imported again as a new workshop (export → import → export gives the same file,
but for the moment it was written). The files a workshop's steps have of their own (an
information step's film) travel in a ZIP beside it: the JSON as `archive.json`, each file
under `files/` by the name the JSON gives it.

This module knows the file: its format name, its version, how values are written and
what a valid file looks like. `content.archive` knows the tables.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
import zlib
from pathlib import Path
from typing import Any

FORMAT = "rundabord-workshop"
# 2: the workshop's list of levels; a card's level is that list's text (in 1, one of four
# keys such as "lokal"). Version 1 files are still read (content.archive upgrades them).
VERSION = 2
READS = (1, 2)
IN_ZIP = "archive.json"
FILES = "files/"
FILE_NAME = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9_.-]*")  # a file the archive names: no folders
MAX_UNPACKED_RATIO = 50  # a member of the ZIP unpacks to at most this many times its size


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


def write_archive_zip(archive: bytes, files: dict[str, Path]) -> bytes:
    """The archive with its steps' files: `archive.json`, then each file by its name under
    `files/`, stored as it is (films are compressed already)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as bundle:
        bundle.writestr(IN_ZIP, archive, compress_type=zipfile.ZIP_DEFLATED)
        for name, path in sorted(files.items()):
            bundle.write(path, FILES + name, compress_type=zipfile.ZIP_STORED)
    return out.getvalue()


def read_archive_file(raw: bytes) -> tuple[dict[str, Any], dict[str, bytes]]:
    """What an archive file holds (see `read_archive`) and the files it carries by name: a
    .json archive carries none; a .zip one carries those under `files/`."""
    if not raw.startswith(b"PK\x03\x04"):
        return read_archive(raw), {}
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as bundle:
            members = bundle.infolist()
            # A ZIP that would unpack to far more than it weighs is not one this app wrote.
            if any(m.file_size > MAX_UNPACKED_RATIO * m.compress_size + 2**20 for m in members):
                raise ArchiveError("not_an_archive")
            data = read_archive(bundle.read(IN_ZIP))
            files = {
                m.filename.removeprefix(FILES): bundle.read(m)
                for m in members
                if m.filename.startswith(FILES) and FILE_NAME.fullmatch(m.filename.removeprefix(FILES))
            }
    except (zipfile.BadZipFile, KeyError, zlib.error, EOFError):
        raise ArchiveError("not_an_archive") from None
    return data, files


def _plain(value: object) -> object:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"cannot archive {type(value).__name__}")
