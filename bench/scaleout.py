"""The production set-up under load: 1 and then 2 Rundabord processes (gunicorn, gevent,
`make serve`) sharing PostgreSQL and Redis, behind nginx configured from
deploy/nginx.conf (sticky route cookie, WebSocket upgrade), side by side.

    .venv/bin/python -m bench.scaleout --workers 1,2 --phones 500 --idle 1000

Needs nginx (Debian: apt-get install nginx), PostgreSQL (TEST_DATABASE_URL, default
postgresql://postgres@127.0.0.1:5432/test: a database of its own is made for each run
and dropped after) and Redis (SCALEOUT_REDIS_URL, default redis://127.0.0.1:6379/14,
emptied). Phones, projector and dashboard connect through nginx; the figures are those
of bench/load.py (burst profile unless --profile says otherwise), CPU summed over the
Rundabord processes. The floor is bench/floor.py behind the same nginx, with the same
schedule, in the same run (`--no-floor` skips it); each run's `p95_ratio_to_floor` is
its projector p95 against the floor's. The last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
import requests
from sqlalchemy import create_engine, text

from bench.load import Floor, Rundabord, measure, schedules_for
from bench.server import ROOT, ServerProcess, free_port, server_settings
from config import database_url

ADMIN_URL = os.environ.get("TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/14")


def nginx_config(directory: Path, port: int, upstreams: list[int]) -> str:
    """deploy/nginx.conf as shipped, on plain http at 127.0.0.1:`port` in front of
    `upstreams`: the TLS lines and the redirect go, the rest is kept as it is."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = re.sub(r"server \{\n    listen 80;.*?\n\}\n\n", "", site, flags=re.DOTALL)
    site = re.sub(
        r"    listen 443 ssl http2;\n    listen \[::\]:443 ssl http2;", f"    listen 127.0.0.1:{port};", site
    )
    site = re.sub(r"\n    ssl_[^\n]*", "", site)
    site = site.replace("; Secure", "")  # plain http here
    servers = "".join(f"    server 127.0.0.1:{p};\n" for p in upstreams)
    site = re.sub(r"(    server 127\.0\.0\.1:\d+;\n)+", servers, site)
    temp = "\n".join(
        f"    {kind}_temp_path {directory / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""worker_processes 1;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
events {{ worker_connections 16384; }}
worker_rlimit_nofile 40000;
http {{
    access_log off;
{temp}
{site}
}}
"""


def start_nginx(directory: Path, port: int, upstreams: list[int], ready: str) -> subprocess.Popen[bytes]:
    """nginx as `nginx_config` sets it up, once it answers `ready` through to a server."""
    config = directory / "nginx.conf"
    config.write_text(nginx_config(directory, port, upstreams))
    nginx = subprocess.Popen(
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c",
            str(config),
            "-p",
            str(directory),
            "-g",
            "daemon off;",
        ]
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}{ready}", timeout=1).ok:
                break
        except requests.RequestException:
            time.sleep(0.1)
    return nginx


class FloorBehindNginx(Floor):
    """The server set-up's floor: `bench/floor.py` (one process, gevent) behind the same
    nginx, so the ratio says what Rundabord, PostgreSQL and Redis cost above the path any
    server behind this proxy has. Its CPU is the floor process's alone, as the cluster's
    is its workers' (nginx counted in neither)."""

    def __init__(self) -> None:
        super().__init__()
        self.scratch = Path(tempfile.mkdtemp(prefix="rundabord-floor-nginx-"))
        self.floor_port = free_port()  # `self.port`, `self.url`: nginx's, where clients connect
        self.nginx: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        env = {**os.environ, "PORT": str(self.floor_port)}
        self.process = subprocess.Popen([sys.executable, "-m", "bench.floor"], cwd=ROOT, env=env)
        assert self.scratch is not None
        self.nginx = start_nginx(self.scratch, self.port, [self.floor_port], "/")

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.terminate()
            self.nginx.wait(10)
        super().stop()


class Cluster(Rundabord):
    """`workers` gunicorn processes on PostgreSQL and Redis, behind nginx."""

    def __init__(self, workers: int, admin_url: str = ADMIN_URL, redis_url: str = REDIS_URL) -> None:
        self.workers = workers
        self.redis_url = redis_url
        self.scratch = Path(tempfile.mkdtemp(prefix="rundabord-scaleout-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.database = f"rundabord_scaleout_{secrets.token_hex(4)}"
        self.admin = create_engine(database_url(admin_url), isolation_level="AUTOCOMMIT")
        url = self.admin.url.set(database=self.database).render_as_string(hide_password=False)
        settings = {
            **server_settings(redis_url),
            "TRUSTED_PROXIES": "1",
            "PUBLIC_URL": self.url + "/",
        }
        self.servers = [
            ServerProcess(self.scratch / f"worker{n}", database_url=url, extra_env=settings, gunicorn=True)
            for n in range(workers)
        ]
        self.server = self.servers[0]  # for the flask commands and the database address
        self._store = None
        self.nginx: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{self.database}"'))
        redis.Redis.from_url(self.redis_url).flushdb()
        self.server.flask("db", "upgrade")
        for server in self.servers:
            server.start()
        self.nginx = start_nginx(self.scratch, self.port, [s.port for s in self.servers], "/healthz")
        self.create_workshop()
        self.prepare_workshop()

    @property
    def pids(self) -> list[int]:
        """gunicorn's workers (children of each master), whose children are the
        word-cloud and suggestion processes."""
        masters = {s.process.pid for s in self.servers if s.process is not None}
        found = []
        for path in Path("/proc").glob("[0-9]*/stat"):
            try:
                parent = int(path.read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent in masters:
                found.append(int(path.parent.name))
        return found

    def stop(self) -> None:
        if self.nginx is not None:
            self.nginx.terminate()
            self.nginx.wait(10)
        for server in self.servers:
            server.stop()
        if self._store is not None:
            self._store.dispose()
        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)'))
        self.admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", default="1,2", help="numbers of processes, comma-separated")
    parser.add_argument("--phones", type=int, default=500)
    parser.add_argument("--idle", type=int, default=0, help="more phones connected, sending nothing")
    parser.add_argument("--profile", choices=["burst", "stress"], default="burst")
    parser.add_argument("--posts", type=int, default=8)
    parser.add_argument("--rate", type=float, default=1.0)
    parser.add_argument("--words", type=int, default=3)
    parser.add_argument("--cards", type=int, default=5)
    parser.add_argument("--window", type=float, default=60)
    parser.add_argument("--duration", type=float, default=20)
    parser.add_argument("--no-floor", action="store_true", help="skip the floor behind nginx")
    args = parser.parse_args()
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    schedules = schedules_for(args, args.phones)
    runs: dict[str, dict[str, Any]] = {}
    for workers in (int(n) for n in args.workers.split(",")):
        runs[f"{workers}_workers"] = measure(Cluster(workers), args.phones, args.idle, schedules)
    if not args.no_floor:  # the same schedule through the same nginx to the bare floor
        runs["floor"] = measure(FloorBehindNginx(), args.phones, args.idle, schedules)
    names = list(runs)
    print(f"\n{'':>32}" + "".join(f"{name:>14}" for name in names))
    for key in runs[names[0]]:
        print(f"{key:>32}" + "".join(f"{runs[name][key]!s:>14}" for name in names))
    keys = ("phones", "idle_phones", "sent", "rate_per_s", "acknowledged", "stored", "duplicates", "lost",
            "ack_p95_ms", "projector_p50_ms", "projector_p95_ms", "projector_p99_ms",
            "server_cpu_ms_per_submission", "workers_cpu_ms_per_submission")  # fmt: skip
    result = {n: {k: r[k] for k in keys} for n, r in runs.items()}
    floor_p95 = runs["floor"]["projector_p95_ms"] if "floor" in runs else None
    for name, run in result.items():
        if floor_p95 and name != "floor" and run["projector_p95_ms"] is not None:
            run["p95_ratio_to_floor"] = round(run["projector_p95_ms"] / floor_p95, 2)
    print(json.dumps({"profile": args.profile, "runs": result}))


if __name__ == "__main__":
    main()
