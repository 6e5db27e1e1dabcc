"""Exports taken while the workshop runs: each is a job in the background (its work in a
real OS thread, see `webapp.offload`), whose stage the export page shows (reading the
workshop, writing the file) until a download link is ready.

A finished file waits in the instance folder for its facilitator for an hour. Jobs are
known to the process that started them; with several workers the export page's requests
reach the same worker through the proxy's sticky sessions.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import Flask, current_app

from models.session import DbSession
from webapp.extensions import socketio
from webapp.offload import off_the_loop

KEEP_SECONDS = 3600

# The work of a job: given a session and a way to report its stage, the file's bytes.
Work = Callable[[DbSession, Callable[[str], None]], bytes]


@dataclass
class Job:
    id: str
    workshop_id: int
    owner_id: int
    name: str  # the file's name without extension
    extension: str
    mimetype: str
    stage: str = "queued"  # queued, reading, writing, done, failed
    started: float = 0.0
    path: Path | None = None


class ExportJobs:
    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def start(self, job: Job, work: Work) -> Job:
        app = current_app._get_current_object()  # type: ignore[attr-defined]
        job.started = time.monotonic()
        with self._lock:
            self._forget_old(app)
            self._jobs[job.id] = job
        socketio.start_background_task(self._run, app, job, work)
        return job

    def find(self, job_id: str, workshop_id: int, owner_id: int) -> Job | None:
        """A job of this workshop started by this facilitator (nobody else's)."""
        job = self._jobs.get(job_id)
        if job is None or job.workshop_id != workshop_id or job.owner_id != owner_id:
            return None
        return job

    def _run(self, app: Flask, job: Job, work: Work) -> None:
        def stage(name: str) -> None:
            job.stage = name

        with app.app_context():
            try:
                data = off_the_loop(lambda session: work(session, stage))
                folder = Path(app.config["INSTANCE_DIR"]) / "exports"
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / f"{job.id}.{job.extension}"
                path.write_bytes(data)
                job.path = path
                job.stage = "done"
            except Exception:  # the page says it failed; the log says why
                app.logger.exception("export %s of workshop %s failed", job.extension, job.workshop_id)
                job.stage = "failed"

    def _forget_old(self, app: Flask) -> None:
        now = time.monotonic()
        for job_id, job in list(self._jobs.items()):
            if now - job.started > KEEP_SECONDS:
                del self._jobs[job_id]
                if job.path is not None:
                    job.path.unlink(missing_ok=True)


def new_job_id() -> str:
    return secrets.token_urlsafe(12)


def current_export_jobs() -> ExportJobs:
    jobs = current_app.extensions.get("rundabord_export_jobs")
    if jobs is None:
        jobs = current_app.extensions["rundabord_export_jobs"] = ExportJobs()
    return jobs  # type: ignore[no-any-return]
