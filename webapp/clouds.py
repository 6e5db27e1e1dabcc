"""Rendering word clouds off the event loop and sending them to the projector.

A change to a Words step's shown words calls `request_cloud(step_id)`. Per step at
most one render is in flight; requests that arrive meanwhile coalesce into one
more render of the latest state. The layout and SVG are made by a separate
process (`analysis.cloud_worker`), so the server keeps answering phones while it
works; the result is stored (`models.clouds`) and `cloud_ready` tells projectors
and dashboards to fetch the new version.
"""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from flask import Flask, current_app

from models.clouds import save_cloud, stored_cloud, words_hash
from models.events import Role
from models.words import visible_words
from models.workshops import Step
from webapp.broadcast import notify
from webapp.extensions import db, socketio

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


class RenderError(Exception):
    pass


class CloudWorker:
    """One render process for this server process, started on first use, restarted if it dies."""

    def __init__(self) -> None:
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def render(self, words: list[list[Any]], previous: list[Any], max_words: int) -> tuple[str, list[Any]]:
        request = json.dumps(
            {"words": words, "previous": previous, "max_words": max_words}, ensure_ascii=False
        )
        with self._lock:
            for _attempt in range(2):
                process = self._running()
                try:
                    assert process.stdin is not None and process.stdout is not None
                    process.stdin.write(request + "\n")
                    process.stdin.flush()
                    line = process.stdout.readline()
                except OSError:
                    line = ""
                if not line:  # the process died: start a fresh one and try once more
                    self.stop()
                    continue
                reply = json.loads(line)
                if "error" in reply:
                    raise RenderError(reply["error"])
                return reply["svg"], reply["layout"]
        raise RenderError("the render process keeps failing")

    def start(self) -> None:
        """Start the process now (at server start), not in the middle of the first render."""
        with self._lock:
            self._running()

    def _running(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(
                [sys.executable, "-m", "analysis.cloud_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                cwd=ROOT,
                text=True,
                encoding="utf-8",
            )
        return self._process

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.wait()
            self._process = None


worker = CloudWorker()


class CloudRenderer:
    """Coalesces render requests per step for one app."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._dirty: set[int] = set()
        self._running: set[int] = set()
        self._idle = threading.Condition(self._lock)

    def request(self, step_id: int) -> None:
        if not self.app.config["CLOUD_RENDERING"]:
            return
        with self._lock:
            self._dirty.add(step_id)
            if step_id in self._running:
                return
            self._running.add(step_id)
        socketio.start_background_task(self._loop, step_id)

    def wait_idle(self, timeout: float = 30) -> bool:
        """For tests and benchmarks: block until no render is pending."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._running, timeout)

    def _loop(self, step_id: int) -> None:
        while True:
            with self._lock:
                if step_id not in self._dirty:
                    self._running.discard(step_id)
                    self._idle.notify_all()
                    return
                self._dirty.discard(step_id)
            try:
                self.render_now(step_id)
            except Exception:  # a failed render must not stop the next one
                log.exception("word cloud render failed for step %s", step_id)

    def render_now(self, step_id: int) -> int | None:
        """Render the step's cloud if what it shows changed; returns the new version."""
        with self.app.app_context():
            try:
                step = db.session.get(Step, step_id)
                if step is None or step.kind != "words":
                    return None
                workshop_id = step.workshop_id
                groups = visible_words(db.session, step_id)
                digest = words_hash(groups)
                stored = stored_cloud(db.session, step_id)
                if stored is not None and stored.words_hash == digest:
                    return None
                previous = stored.layout if stored is not None else []
                db.session.rollback()  # hold no transaction (or SQLite lock) while rendering
                words = [[g.key, g.display, g.count] for g in groups]
                svg, layout = worker.render(words, previous, self.app.config["CLOUD_MAX_WORDS"])
                version = save_cloud(db.session, step_id, digest, svg, layout)
            finally:
                db.session.remove()
        message = {"step_id": step_id, "version": version}
        for role in (Role.PROJECTOR, Role.FACILITATOR):
            notify(workshop_id, role, "cloud_ready", message)
        return version


def current_renderer() -> CloudRenderer:
    return current_app.extensions["cloud_renderer"]  # type: ignore[no-any-return]


def request_cloud(step_id: int) -> None:
    current_renderer().request(step_id)


def register_clouds(app: Flask) -> None:
    app.extensions["cloud_renderer"] = CloudRenderer(app)
