"""The kinds of step are one package each: the shared code never tests a kind's name,
and a new kind needs only its package and its line in the registry."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from content.archive import export_archive, import_tables
from export.archive import read_archive
from models import agenda
from models.accounts import Facilitator
from models.events import Role
from models.workshops import Workshop
from readers.snapshots import snapshot
from readers.workshop_report import workshop_report
from steps import registry
from steps.discussion.timer import control_timer
from steps.kind import StepKind
from steps.settings import step_setting
from steps.tracks.curation import set_phase
from tests.conftest import AuthActions
from webapp.extensions import db

ROOT = Path(__file__).resolve().parents[2]
KIND_NAMES = "words|cards|tracks|questions|priorities|discussion|info"
BRANCH = re.compile(
    rf"kind\s*(==|!=|===|!==)\s*[\"']({KIND_NAMES})[\"']|[\"']({KIND_NAMES})[\"']\s*(==|!=|===|!==)\s*\S*kind"
)


def test_no_shared_code_tests_a_kinds_name() -> None:
    files = subprocess.run(
        ["git", "ls-files", "*.py", "*.js", "*.html"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    shared = [f for f in files if not f.startswith(("steps/", "tests/")) and "/vendor/" not in f]
    found = [
        f"{name}:{number}: {line.strip()}"
        for name in shared
        for number, line in enumerate((ROOT / name).read_text().splitlines(), 1)
        if BRANCH.search(line)
    ]
    assert found == []


class Notice(StepKind):
    """A step that only shows its title and prompt: what a new kind needs at least."""

    name = "notice"
    label = "Notice"  # a test kind: not in the catalogue
    default_title = "Notice"


@pytest.fixture
def with_notice() -> Iterator[None]:
    """The registry with one more line, as a new kind's commit would add it."""
    registry.kinds()
    registry._KINDS["notice"] = Notice()
    try:
        yield
    finally:
        del registry._KINDS["notice"]


@pytest.mark.parametrize("app", ["sqlite"], indirect=True)
def test_a_new_kind_is_its_class_and_its_registry_line(
    app: Flask, client: FlaskClient, auth: AuthActions, workshop: Workshop, with_notice: None
) -> None:
    auth.login()
    page = client.get(f"/f/workshops/{workshop.id}").get_data(as_text=True)
    assert 'value="notice"' in page  # offered in "add a step"
    response = client.post(f"/f/workshops/{workshop.id}/steps", data={"kind": "notice"})
    assert response.status_code == 302
    step = workshop.steps[-1]
    assert (step.kind, step.title) == ("notice", "Notice")
    assert client.get(f"/f/workshops/{workshop.id}/steps/{step.id}").status_code == 200
    agenda.open_step(db.session, step)
    facts = workshop.id
    seen: Mapping[str, object] = snapshot(db.session, facts, Role.PROJECTOR)
    assert seen["open_steps"] == [
        {
            "id": step.id,
            "kind": "notice",
            "title": "Notice",
            "prompt": "",
            "position": step.position,
            "is_open": True,
            "based_on_step_id": None,
            "settings": {},
        }
    ]
    assert workshop_report(db.session, facts).title == "Ledning & Styrning i Samverkan"


def test_run_time_state_is_kept_apart_from_the_editors_settings(
    workshop: Workshop, facilitator: Facilitator
) -> None:
    steps = {step.kind: step for step in workshop.steps}
    tracks_step, discussion_step = steps["tracks"], steps["discussion"]
    set_phase(db.session, tracks_step, "voting", True)
    control_timer(db.session, discussion_step, "start")
    assert tracks_step.state == {"voting": True, "revealed": False}
    assert "voting" not in tracks_step.settings and "dots" in tracks_step.settings
    assert discussion_step.state["timer_ends_at"] > 0 and "timer_ends_at" not in discussion_step.settings
    # The editor saves its own fields only; the state stands.
    agenda.update_step(db.session, tracks_step, tracks_step.title, "", {"dots": 5, "voting": False})
    assert step_setting(tracks_step, "voting") is True and step_setting(tracks_step, "dots") == 5
    # An archive written before the state had its column keeps it in the settings.
    data = read_archive(export_archive(db.session, workshop))
    for row in data["tables"]["steps"]:
        row["settings"] = {**row["settings"], **row.pop("state")}
    copy = import_tables(db.session, data, facilitator).workshop
    copied = {step.kind: step for step in copy.steps}
    assert copied["tracks"].state == {"voting": True, "revealed": False}
    assert copied["tracks"].settings == tracks_step.settings
    assert "question" in copied["discussion"].state and "question" not in copied["discussion"].settings
