"""Every export downloaded from a served process, as an organizer takes it: the export
page's buttons (a job in the background) and its plain links, in the `make run` set-up
(gevent, SQLite) and in the server set-up (gunicorn, PostgreSQL, Redis). Each file is
opened and read. The PDF failed here, and only here, when WeasyPrint was first imported
inside gevent's thread pool, and every export with a word cloud on a new machine, where
matplotlib built its font cache there: each server here starts with no font cache."""

from __future__ import annotations

import csv
import io
import json
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import redis
from openpyxl import load_workbook
from pptx import Presentation
from pypdf import PdfReader

from bench.phone import csrf_of, facilitator_login
from bench.server import ServerProcess, facilitator_and_workshop, scratch_database, server_settings
from tests.browser.conftest import new_page
from tests.browser.test_live_workshop import login
from tests.support.required import missing

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DEMO_TITLE = "Ledning & Styrning i Samverkan"
DEMO_TRACK = "Hur säkerställs en enad front ut i kommunikationen med medborgaren?"
# What each file must hold of the demo day: the deck, report and archive its title, the
# raw data a track with its Swedish column heading.
EXPECTED = {
    "pptx": [DEMO_TITLE],
    "pdf": [DEMO_TITLE],
    "json": [DEMO_TITLE],
    "xlsx": [DEMO_TRACK, "Bordsgrupp"],
}
EXPECTED["csv"] = EXPECTED["xlsx"]


def _new_machine(scratch: Path) -> dict[str, str]:
    """matplotlib's settings and font cache in an empty folder, as on a machine that has
    never drawn a word cloud."""
    return {"MPLCONFIGDIR": str(scratch / "matplotlib")}


def _gunicorn_server(scratch: Path) -> Iterator[ServerProcess]:
    admin_url, redis_url = os.environ.get("TEST_DATABASE_URL"), os.environ.get("TEST_REDIS_URL")
    if not admin_url or not redis_url:
        missing("TEST_DATABASE_URL and TEST_REDIS_URL are needed for the server set-up")
    redis.Redis.from_url(redis_url).flushdb()
    settings = {**_new_machine(scratch), **server_settings(redis_url)}
    with scratch_database(admin_url, "rundabord_exports") as url:
        server = ServerProcess(scratch, database_url=url, extra_env=settings, gunicorn=True)
        server.flask("db", "upgrade")  # `make migrate`, as docs/DEPLOY.md says
        server.start()
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture(scope="module", params=["make-run", "gunicorn"])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A served process of either set-up with the demo workshop, and its addresses."""
    scratch = tmp_path_factory.mktemp(f"exports-{request.param}")
    if request.param == "gunicorn":
        servers = _gunicorn_server(scratch)
        server = next(servers)
    else:
        server = ServerProcess(scratch, extra_env=_new_machine(scratch))
        server.start()
    try:
        yield server, facilitator_and_workshop(server, "leda@region.se", "correct horse battery", demo=True)
    finally:
        if request.param == "gunicorn":
            next(servers, None)
        else:
            server.stop()


def _open(kind: str, data: bytes) -> str:
    """The file opened as its program would; a line of what it holds."""
    if kind == "pptx":
        slides = Presentation(io.BytesIO(data)).slides
        return " ".join(s.shapes.title.text for s in slides if s.shapes.title is not None)
    if kind == "pdf":
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if kind == "xlsx":
        sheet = load_workbook(io.BytesIO(data)).active
        return " ".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)
    if kind == "csv":
        return " ".join(" ".join(row) for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    archive = json.loads(data)
    return str(archive["workshop"]["title"])


BUTTONS = {
    "pptx": "Ladda ner presentationen (.pptx)",
    "pdf": "Ladda ner som PDF",
    "xlsx": "Ladda ner som Excel (.xlsx)",
    "csv": "Ladda ner som CSV",
    "json": "Ladda ner arkivet (.json)",
}


@pytest.mark.parametrize("kind", list(BUTTONS))
def test_each_export_downloads_from_the_export_page_and_opens(browser: Any, served: Any, kind: str) -> None:
    server, workshop = served
    page = new_page(browser, "laptop", accept_downloads=True)
    login(page, server)
    page.goto(f"{server.url}/f/workshops/{workshop['Workshop']}/export")
    page.get_by_role("button" if kind == "pptx" else "link", name=BUTTONS[kind]).click()
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("link", name="Ladda ner filen").click(timeout=60_000)
    path = download.value.path()
    assert download.value.suggested_filename.endswith("." + kind)
    opened = _open(kind, Path(path).read_bytes())
    assert all(text in opened for text in EXPECTED[kind])
    assert page.errors == []  # type: ignore[attr-defined]
    page.context.close()


@pytest.mark.parametrize(
    "path,kind",
    [
        ("export/report.pdf", "pdf"),
        ("export/data.xlsx", "xlsx"),
        ("export/data.csv", "csv"),
        ("export/archive.json", "json"),
    ],
)
def test_each_export_link_downloads_without_javascript(
    browser: Any, served: Any, path: str, kind: str
) -> None:
    """The links themselves (the page without JavaScript): the file in the answer."""
    server, workshop = served
    page = new_page(browser, "laptop")
    login(page, server)
    response = page.request.get(f"{server.url}/f/workshops/{workshop['Workshop']}/{path}")
    assert response.status == 200, response.text()[:500]
    assert "attachment" in response.headers["content-disposition"]
    assert response.headers["content-type"].count("charset") <= 1
    opened = _open(kind, response.body())
    assert all(text in opened for text in EXPECTED[kind])
    page.context.close()


def test_many_exports_at_once_all_finish(served: Any) -> None:
    """Twelve exports started together while their pages poll: each reaches its file.
    Here two exports once each waited for ever on a lock the other held (a gevent lock
    taken in two native threads), and a poll on the connection a job had given back."""
    server, workshop = served
    base = f"{server.url}/f/workshops/{workshop['Workshop']}"

    def export(kind: str) -> tuple[str, str]:
        http = facilitator_login(server.url, "leda@region.se", "correct horse battery")
        token = csrf_of(http.get(f"{base}/export", timeout=30))
        started = http.post(f"{base}/export/jobs", data={"csrf_token": token, "kind": kind}, timeout=30)
        status = server.url + started.json()["status"]
        deadline = time.monotonic() + 120  # a hang, not a speed: one file takes seconds
        while time.monotonic() < deadline:
            stage = http.get(status, timeout=60).json()["stage"]
            if stage in ("done", "failed"):
                return kind, stage
            time.sleep(0.2)
        return kind, "still waiting"

    kinds = ["json", "xlsx", "csv", "pdf"] * 3
    with ThreadPoolExecutor(max_workers=8) as pool:
        stages = list(pool.map(export, kinds))
    assert stages == [(kind, "done") for kind in kinds]
