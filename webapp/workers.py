"""Worker processes for CPU-heavy work (word clouds, card suggestions), so the server's
event loop keeps answering phones while they run.

A worker is `python -m <module>` speaking one JSON request and one JSON answer per
line (see `analysis.worker_loop`). The server keeps one process per kind, starts it
on first use (or at start-up), and starts a fresh one if it dies. Waiting for the
answer is a pipe read, which gevent turns into a wait that blocks nobody else.
"""

from __future__ import annotations

import contextlib
import json
import logging
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import redis
from flask import Flask

from webapp.extensions import socketio
from webapp.extensions_setup import shared_redis

log = logging.getLogger(__name__)
ROOT = Path(__file__).resolve().parent.parent


class WorkerError(Exception):
    pass


class WorkerProcess:
    """One process of one kind for this server process; one request at a time."""

    def __init__(self, module: str) -> None:
        self.module = module
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()

    def call(self, request: dict[str, Any]) -> dict[str, Any]:
        line_out = json.dumps(request, ensure_ascii=False)
        with self._lock:
            for _attempt in range(2):
                process = self._running()
                try:
                    assert process.stdin is not None and process.stdout is not None
                    process.stdin.write(line_out + "\n")
                    process.stdin.flush()
                    line = process.stdout.readline()
                except OSError:
                    line = ""
                if not line:  # the process died: start a fresh one and try once more
                    self.stop()
                    continue
                reply: dict[str, Any] = json.loads(line)
                if "error" in reply:
                    raise WorkerError(reply["error"])
                return reply
        raise WorkerError(f"{self.module} keeps failing")

    def start(self) -> None:
        """Start the process now (at server start), not in the middle of the first request."""
        with self._lock:
            self._running()

    def _running(self) -> subprocess.Popen[str]:
        if self._process is None or self._process.poll() is not None:
            self._process = subprocess.Popen(  # noqa: S603 (our own module, no outside input)
                [sys.executable, "-m", self.module],
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


class Coalescer:
    """Runs `run(key)` off the request, at most once at a time per key; requests that
    arrive meanwhile coalesce into one more run, of the state as it is then. After a run
    it rests `interval_by` seconds (a config key), or twice as long as the run took if
    that is longer, so a busy key runs a few times a second at most, however many requests
    arrive: the first request of a quiet key runs at once.

    With REDIS_URL (several server processes) "at most once at a time" holds across the
    processes: a request marks the key dirty in Redis, and whichever process holds the
    key's Redis lock runs it, so a cloud is drawn once, not once per process that
    received a word. Whoever holds the lock looks at the mark again after letting go of
    it, so a request that arrives while another process is running is never dropped."""

    enabled_by = ""  # the config flag that turns the work on, if any
    interval_by = ""  # the config key of the rest between runs, if any
    lock_timeout_s = 300  # a process that dies holding a lock frees it after this

    def __init__(self, app: Flask) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._dirty: set[int] = set()
        self._running: set[int] = set()
        self._idle = threading.Condition(self._lock)
        self._redis = shared_redis(app)
        self._prefix = f"rundabord:{type(self).__name__}"

    def run(self, key: int) -> None:
        raise NotImplementedError

    def request(self, key: int) -> None:
        if self.enabled_by and not self.app.config[self.enabled_by]:
            return
        if self._redis is not None:
            try:
                self._redis.set(self._dirty_key(key), 1)
            except redis.RedisError:  # the submission is stored; only this view waits
                log.exception("%s could not reach Redis for %s", type(self).__name__, key)
                return
        with self._lock:
            self._dirty.add(key)
            if key in self._running:
                return
            self._running.add(key)
        socketio.start_background_task(self._loop, key)

    def wait_idle(self, timeout: float = 30) -> bool:
        """For tests and benchmarks: block until no run is pending."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._running, timeout)

    def _loop(self, key: int) -> None:
        try:
            if self._redis is None:
                while self._take(key):
                    self._run_and_rest(key)
            else:
                self._shared_loop(self._redis, key)
        except Exception:  # Redis gone, say: the next request starts afresh
            log.exception("%s stopped for %s", type(self).__name__, key)
            with self._lock:
                self._running.discard(key)
                self._idle.notify_all()

    def _take(self, key: int) -> bool:
        """Take this process's request for `key`; with none left, stop being its runner (at
        once, under the lock, so a request arriving now starts a new runner)."""
        with self._lock:
            if key in self._dirty:
                self._dirty.discard(key)
                return True
            self._running.discard(key)
            self._idle.notify_all()
            return False

    def _shared_loop(self, shared: redis.Redis, key: int) -> None:
        dirty = self._dirty_key(key)
        while self._take(key):
            while True:
                lock = shared.lock(f"{self._prefix}:lock:{key}", timeout=self.lock_timeout_s)
                if not lock.acquire(blocking=False):
                    break  # another process runs it, and looks at the mark after it lets go
                try:
                    while shared.getdel(dirty):
                        self._run_and_rest(key)
                finally:
                    with contextlib.suppress(redis.exceptions.LockError):  # expired meanwhile
                        lock.release()
                if not shared.exists(dirty):
                    break

    def _run_and_rest(self, key: int) -> None:
        started = time.monotonic()
        try:
            self.run(key)
        except Exception:  # a failed run must not stop the next one
            log.exception("%s failed for %s", type(self).__name__, key)
        rest = self._rest(time.monotonic() - started)
        if rest > 0:
            socketio.sleep(rest)

    def _rest(self, took: float) -> float:
        """The configured interval, and at least twice as long as the run took: a slow run
        (a big cloud on a small laptop) then uses at most a third of the time, leaving the
        rest of the processor to the phones."""
        interval = float(self.app.config.get(self.interval_by, 0)) if self.interval_by else 0.0
        return max(interval, 2 * took) if interval > 0 else 0.0

    def _dirty_key(self, key: int) -> str:
        return f"{self._prefix}:dirty:{key}"
