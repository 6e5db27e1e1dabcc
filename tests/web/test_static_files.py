"""Stylesheets and scripts served from memory (webapp/static_files.py): compressed as the
browser accepts, the same bytes as on disk, 304 when the browser has them, an edited
file served as edited, and everything else left to Flask."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import brotli
import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import Client

from webapp.static_files import StaticFiles, _bodies

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("address", "on_disk"),
    [
        ("/static/js/live.js", "webapp/static/js/live.js"),
        ("/static/phone/phone.js", "participant_ui/static/phone.js"),
        ("/static/steps/cards/phone.js", "steps/cards/static/phone.js"),
        (
            "/static/vendor/socket.io/socket.io.esm.min.js",
            "webapp/static/vendor/socket.io/socket.io.esm.min.js",
        ),
    ],
)
def test_every_static_folder_is_served_compressed_as_the_browser_accepts(
    client: FlaskClient, address: str, on_disk: str
) -> None:
    original = (ROOT / on_disk).read_bytes()
    as_br = client.get(address, headers={"Accept-Encoding": "gzip, deflate, br"})
    as_gzip = client.get(address, headers={"Accept-Encoding": "gzip"})
    plain = client.get(address, headers={"Accept-Encoding": "br;q=0, identity"})
    assert as_br.headers["Content-Encoding"] == "br" and brotli.decompress(as_br.data) == original
    assert as_gzip.headers["Content-Encoding"] == "gzip" and gzip.decompress(as_gzip.data) == original
    assert "Content-Encoding" not in plain.headers and plain.data == original
    for answer in (as_br, as_gzip, plain):
        assert answer.status_code == 200 and answer.mimetype == "text/javascript"
        assert answer.headers["X-Content-Type-Options"] == "nosniff"
        assert "script-src 'self'" in answer.headers["Content-Security-Policy"]
        assert answer.headers["Cache-Control"] == "max-age=60" and answer.headers["Vary"] == "Accept-Encoding"
        assert int(answer.headers["Content-Length"]) == len(answer.data)


def test_a_browser_that_has_the_file_gets_304_in_any_encoding(client: FlaskClient) -> None:
    first = client.get("/static/css/base.css", headers={"Accept-Encoding": "br"})
    etag = first.headers["ETag"]
    assert first.mimetype == "text/css"
    again = client.get("/static/css/base.css", headers={"Accept-Encoding": "br", "If-None-Match": etag})
    other = client.get("/static/css/base.css", headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    stale = client.get("/static/css/base.css", headers={"If-None-Match": '"not-this-one"'})
    assert again.status_code == 304 and again.data == b"" and other.status_code == 304
    assert stale.status_code == 200 and stale.data


def test_what_it_does_not_serve_goes_on_to_flask(app: Flask, client: FlaskClient) -> None:
    assert client.get("/static/js/not-there.js").status_code == 404
    assert client.get("/static/../config.py").status_code == 404
    assert client.get("/static/phone/../../config.py").status_code == 404
    head = client.head("/static/js/live.js")
    assert head.status_code == 200 and head.data == b"" and int(head.headers["Content-Length"]) > 0
    assert client.post("/static/js/live.js").status_code == 405
    ranged = client.get("/static/js/live.js", headers={"Range": "bytes=0-9"})
    assert ranged.status_code == 206 and len(ranged.data) == 10  # Flask answers ranges


def test_an_edited_file_is_served_as_edited(tmp_path: Path) -> None:
    def flask_instead(_environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        start_response("404 Not Found", [])
        return [b"from flask"]

    script = tmp_path / "app.js"
    script.write_text("export const answer = 1;\n" * 40)
    client = Client(StaticFiles(flask_instead, {"/static/": str(tmp_path)}))
    first = client.get("/static/app.js", headers={"Accept-Encoding": "br"})
    assert brotli.decompress(first.data) == script.read_bytes()
    script.write_text("export const answer = 2;\n" * 41)
    second = client.get("/static/app.js", headers={"Accept-Encoding": "br"})
    assert brotli.decompress(second.data) == script.read_bytes()
    assert second.headers["ETag"] != first.headers["ETag"]
    script.unlink()
    assert client.get("/static/app.js").data == b"from flask"


def test_phones_asking_for_a_file_together_wait_for_one_compression(tmp_path: Path) -> None:
    """A room scanning the QR code asks for each file at once: it is read and compressed
    once, and every phone gets it."""
    script = tmp_path / "app.js"
    script.write_text("export const answer = 1;\n" * 40)
    calls: list[str] = []
    release = threading.Event()

    def slow_compress(path: str, data: bytes) -> dict[str, bytes]:
        calls.append(path)
        release.wait(10)
        return _bodies(path, data)

    files = StaticFiles(lambda _e, _s: [], {"/static/": str(tmp_path)}, slow_compress)
    answers: list[bytes] = []

    def phone() -> None:
        answers.append(Client(files).get("/static/app.js", headers={"Accept-Encoding": "br"}).data)

    phones = [threading.Thread(target=phone) for _ in range(10)]
    for thread in phones:
        thread.start()
    time.sleep(0.3)  # every phone has asked by now; without the lock each would compress
    assert len(calls) == 1
    release.set()
    for thread in phones:
        thread.join(10)
    assert len(calls) == 1
    assert answers == [brotli.compress(script.read_bytes(), quality=11)] * 10


def test_a_starting_server_reads_every_file_before_phones_ask(tmp_path: Path) -> None:
    (tmp_path / "js").mkdir()
    for name in ("js/a.js", "js/b.js", "base.css"):
        (tmp_path / name).write_text("body { color: black; }\n" * 40)
    calls: list[str] = []

    def counted(path: str, data: bytes) -> dict[str, bytes]:
        calls.append(path)
        return _bodies(path, data)

    files = StaticFiles(lambda _e, _s: [], {"/static/": str(tmp_path)}, counted)
    assert files.warm() == 3 and len(calls) == 3
    answer = Client(files).get("/static/js/a.js", headers={"Accept-Encoding": "gzip"})
    assert gzip.decompress(answer.data) == (tmp_path / "js/a.js").read_bytes() and len(calls) == 3
