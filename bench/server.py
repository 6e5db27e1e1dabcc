"""A real Rundabord server process on 127.0.0.1, as `make run` starts it (gevent,
a SQLite file) or, with `gunicorn=True`, as `make serve` does, for the benchmarks and
for browser and fault tests."""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from config import database_url

ROOT = Path(__file__).resolve().parents[1]


@contextmanager
def scratch_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new PostgreSQL database beside `admin_url`'s, for one run; dropped after."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = create_engine(database_url(admin_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield admin.url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def server_settings(redis_url: str) -> dict[str, str]:
    """The environment of `make serve` on 127.0.0.1 (docs/DEPLOY.md): production settings,
    a fresh secret, Redis between processes; cookies over plain http."""
    return {
        "FLASK_CONFIG": "production",
        "SECRET_KEY": secrets.token_hex(32),
        "SESSION_COOKIE_SECURE": "0",
        "REDIS_URL": redis_url,
        "RATELIMIT_STORAGE_URI": redis_url,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """Start, kill -9 and restart the server on one port and one database file."""

    def __init__(
        self,
        instance_dir: Path,
        port: int | None = None,
        database_url: str | None = None,
        extra_env: dict[str, str] | None = None,
        gunicorn: bool = False,
    ) -> None:
        instance_dir.mkdir(parents=True, exist_ok=True)
        self.instance_dir = instance_dir
        self.extra_env = extra_env or {}
        self.command = ["-m", "gunicorn", "-c", "gunicorn.conf.py"] if gunicorn else ["-m", "webapp.serve"]
        self.database_url = database_url or f"sqlite:///{instance_dir / 'rundabord.db'}"
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = instance_dir / "server.log"

    @property
    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "INSTANCE_DIR": str(self.instance_dir),
            "DATABASE_URL": self.database_url,
            "PORT": str(self.port),
            "HOST": "127.0.0.1",
            "PUBLIC_URL": self.url + "/",
            "FLASK_CONFIG": "development",
            "JOIN_RATE_LIMIT": "10000 per minute",
            "LOGIN_RATE_LIMIT": "1000 per minute",
            # Every simulated phone shares 127.0.0.1: the per-address limit would be theirs together.
            "SOCKET_ADDRESS_EVENTS_PER_SECOND": "100000",
            "SOCKET_ADDRESS_EVENT_BURST": "100000",
            **self.extra_env,
        }

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, *self.command], cwd=ROOT, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text()[-2000:]}")
            try:
                if requests.get(self.url + "/", timeout=1).status_code == 200:
                    return
            except (requests.ConnectionError, requests.Timeout):  # not yet listening, or warming up
                time.sleep(0.1)
        raise RuntimeError("server did not start within 30 s")

    def kill(self) -> None:
        """kill -9: no clean shutdown, as when a laptop's lid closes or the power goes."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()

    def flask(self, *args: str) -> str:
        """Run a `flask --app wsgi` command against this server's database."""
        result = subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        return result.stdout

    def flask_each(self, *commands: list[str]) -> list[str]:
        """Several of the app's own commands (`create-facilitator`, `create-workshop`,
        `load-demo`…) against this server's database, in one process: the app is imported
        once, which takes about 2 s here, not once per command. What each printed."""
        result = subprocess.run(
            [sys.executable, "-c", "from bench.server import run_each; run_each()", json.dumps(commands)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if result.returncode != 0:
            raise RuntimeError(f"flask commands failed: {result.stderr[-2000:]}")
        outputs: list[str] = json.loads(result.stdout.splitlines()[-1])
        return outputs


def run_each() -> None:
    """In the process `ServerProcess.flask_each` starts: run each command of the JSON list
    in argv[1] with the app's CLI runner; print what each printed, as JSON, last."""
    from wsgi import app

    runner = app.test_cli_runner()
    outputs = []
    for args in json.loads(sys.argv[1]):
        with app.app_context():  # as `flask` gives every command
            result = runner.invoke(args=args)
        if result.exit_code != 0:
            sys.exit(f"flask {' '.join(args)} failed: {result.output}{result.exception!r}")
        outputs.append(result.output)
    print(json.dumps(outputs))


def addresses(output: str) -> dict[str, str]:
    """The "Name: value" lines `create-workshop` and `load-demo` print (join code, URLs)."""
    return dict(re.findall(r"^([A-Za-z ]+): (\S+)", output, re.MULTILINE))


def facilitator_and_workshop(
    server: ServerProcess, email: str, password: str, title: str = "", demo: bool = False
) -> dict[str, str]:
    """A facilitator and a workshop titled `title` from the Samverkan template (or, with
    `demo`, the demo day), made in one process; the workshop's addresses."""
    workshop = ["load-demo", "--facilitator", email] if demo else [
        "create-workshop", "--facilitator", email, "--title", title
    ]  # fmt: skip
    outputs = server.flask_each(["create-facilitator", email, "--password", password], workshop)
    return addresses(outputs[1])
