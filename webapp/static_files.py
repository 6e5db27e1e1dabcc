"""Stylesheets and scripts from memory, compressed once, in front of Flask.

A phone's first visit fetches about twenty of them (the phone page's modules, each step
kind's script, Socket.IO's client, two stylesheets). Through Flask each cost a request
context, the security headers, a file read and a new compression, so a room scanning the
QR code spent more of the server's time on them than on joining (`bench/load.py --profile
join`, 2026-12-05: 30 ms of CPU a phone with them, 12 without). Here each file is read and
compressed (Brotli at its best, gzip for the rest) the first time it is asked for, in a
thread beside the event loop (all of them take about 0.4 s, Socket.IO's client 40 ms:
the loop goes on answering phones meanwhile), kept, and given again as long as the file
on disk is the same (its size and modification time, looked at on every request, so an
edited script is served as edited).

A browser may keep each file for a minute without asking (`max-age=60`), then asks again
with its ETag and gets 304 while nothing changed. Before, it asked on every use: a phone's
first visit (real Chromium, 2026-12-05) made 72 requests for files, 49 of them answered
304, since its service worker fetches what the page has just loaded once more to keep it
for offline use. A minute covers that and a page's reloads, and an updated server's
files reach every phone within it. The answers carry the content type and the security
headers a script or stylesheet needs. What this does not answer (a range, a method other
than GET and HEAD, a file that is not there) goes on to Flask as before.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
import os
import stat
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import brotli
from flask import Flask
from werkzeug.security import safe_join

from webapp.offload import beside_the_loop
from webapp.security import CONTENT_SECURITY_POLICY

COMPRESSED_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml")
MAX_AGE_S = 60
MIN_COMPRESSED_BYTES = 500  # smaller ones gain less than the header costs (Flask-Compress's own limit)
_POLICY = "; ".join(
    f"{name} {' '.join(value) if isinstance(value, list) else value}"
    for name, value in CONTENT_SECURITY_POLICY.items()
)
StartResponse = Callable[..., Any]
WsgiApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


@dataclass(frozen=True)
class _File:
    """One file as it was on disk, in each encoding it is sent in."""

    stamp: tuple[int, int]  # size and modification time when read
    content_type: str
    etag: str
    bodies: dict[str, bytes]  # "identity", and "br" and "gzip" where they are smaller

    def headers(self, encoding: str) -> list[tuple[str, str]]:
        etag = self.etag if encoding == "identity" else f'{self.etag[:-1]}-{encoding}"'
        found = [
            ("Content-Type", self.content_type),
            ("ETag", etag),
            ("Cache-Control", f"max-age={MAX_AGE_S}"),
            ("Vary", "Accept-Encoding"),
            ("X-Content-Type-Options", "nosniff"),
            ("Content-Security-Policy", _POLICY),
        ]
        return found + ([("Content-Encoding", encoding)] if encoding != "identity" else [])


class StaticFiles:
    """WSGI middleware: the app's static folders (its own and its blueprints'), from memory."""

    def __init__(
        self,
        app: WsgiApp,
        folders: dict[str, str],
        compress: Callable[[str, bytes], dict[str, bytes]] | None = None,
    ) -> None:
        self.app = app
        # Longest address first: /static/phone/ before /static/.
        self.folders = sorted(folders.items(), key=lambda item: -len(item[0]))
        self.kept: dict[str, _File] = {}
        self.reading: dict[str, threading.Lock] = {}  # one read and compression of a file at a time
        self.compress = compress or _bodies  # a file's bodies from what was read: in place by default

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        path = self._file_for(environ.get("PATH_INFO", ""))
        if path is None or method not in ("GET", "HEAD") or "HTTP_RANGE" in environ:
            return self.app(environ, start_response)
        found = self._read(path)
        if found is None:
            return self.app(environ, start_response)
        encoding = _chosen(environ.get("HTTP_ACCEPT_ENCODING", ""), found.bodies)
        headers = found.headers(encoding)
        if _unchanged(environ.get("HTTP_IF_NONE_MATCH", ""), found.etag):
            start_response(
                "304 Not Modified", [h for h in headers if h[0] in ("ETag", "Cache-Control", "Vary")]
            )
            return []
        body = found.bodies[encoding]
        start_response("200 OK", [*headers, ("Content-Length", str(len(body)))])
        return [] if method == "HEAD" else [body]

    def warm(self) -> int:
        """Read and compress every file now, as a serving process starts, so that the first
        phones to scan the QR code find them ready. Returns how many files it read."""
        read = 0
        for _prefix, folder in self.folders:
            for directory, _folders, names in os.walk(folder):
                read += sum(self._read(os.path.join(directory, name)) is not None for name in names)
        return read

    def _file_for(self, address: str) -> str | None:
        for prefix, folder in self.folders:
            if address.startswith(prefix):
                return safe_join(folder, address[len(prefix) :])
        return None

    def _read(self, path: str) -> _File | None:
        try:
            status = os.stat(path)
        except OSError:
            return None
        kept = self.kept.get(path)
        if kept is not None and kept.stamp == _stamp(status):
            return kept
        if not stat.S_ISREG(status.st_mode):
            return None
        # The phones of a storm ask for a file together: the first reads and compresses it,
        # the others wait for that (before, each compressed it again, one after the other
        # in the one thread beside the loop: 800 phones, 2026-12-05, waited up to 4.4 s).
        # Under gevent the lock is gevent's, taken only on the loop: the others wait there.
        with self.reading.setdefault(path, threading.Lock()):
            kept = self.kept.get(path)
            if kept is not None and kept.stamp == _stamp(status):
                return kept
            with open(path, "rb") as opened:
                data = opened.read()
            # The stamp from before the read: a file changed meanwhile is read again next time.
            found = _File(_stamp(status), _content_type(path), _etag(data), self.compress(path, data))
            self.kept[path] = found
            return found


def _stamp(status: os.stat_result) -> tuple[int, int]:
    return (status.st_size, status.st_mtime_ns)


def _content_type(path: str) -> str:
    guessed = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") else guessed


def _etag(data: bytes) -> str:
    return f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'


def _bodies(path: str, data: bytes) -> dict[str, bytes]:
    """The file as read, and Brotli's and gzip's forms where they are smaller."""
    bodies = {"identity": data}
    if len(data) >= MIN_COMPRESSED_BYTES and _content_type(path).startswith(COMPRESSED_TYPES):
        for encoding, smaller in (
            ("br", brotli.compress(data, quality=11)),
            ("gzip", gzip.compress(data, 9)),
        ):
            if len(smaller) < len(data):
                bodies[encoding] = smaller
    return bodies


def _chosen(accepted: str, bodies: dict[str, bytes]) -> str:
    """Brotli where the browser takes it, then gzip, else the file as it is (a q=0 refuses)."""
    taken = set()
    for part in accepted.lower().split(","):
        name, _sep, params = part.strip().partition(";")
        if params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            taken.add(name.strip())
    return next(
        (encoding for encoding in ("br", "gzip") if encoding in taken and encoding in bodies), "identity"
    )


def _unchanged(if_none_match: str, etag: str) -> bool:
    """Whether the browser's copy is this file (any of its encodings: weak comparison)."""
    if not if_none_match:
        return False
    tag = etag.strip('"')
    for given in if_none_match.split(","):
        given = given.strip().removeprefix("W/").strip('"')
        if given == "*" or given == tag or given.startswith(f"{tag}-"):
            return True
    return False


def register_static_files(app: Flask) -> None:
    """Serve every static folder of the app (and of its blueprints) through `StaticFiles`."""
    folders = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint != "static" and not rule.endpoint.endswith(".static"):
            continue
        owner = app if rule.endpoint == "static" else app.blueprints[rule.endpoint.rsplit(".", 1)[0]]
        if owner.static_folder:
            folders[rule.rule.removesuffix("<path:filename>")] = owner.static_folder
    files = StaticFiles(
        app.wsgi_app,
        folders,
        lambda path, data: beside_the_loop(app, lambda: _bodies(path, data), "static"),
    )
    app.wsgi_app = files  # type: ignore[method-assign]
    app.extensions["rundabord.static_files"] = files


def warm_static_files(app: Flask) -> None:
    """Every static file read and compressed (`StaticFiles.warm`): a serving process does
    this as it starts, beside the loop."""
    app.extensions["rundabord.static_files"].warm()
