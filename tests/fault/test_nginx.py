"""deploy/nginx.conf in front of two processes (as bench/scaleout.py runs it): a client
that can only long-poll — each poll a separate HTTP request — keeps reaching the process
that holds its connection, thanks to the route cookie, and its events arrive."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
import socketio

from bench.scaleout import Cluster
from tests.support.required import missing

pytestmark = pytest.mark.slow


@pytest.fixture
def cluster(redis_url: str) -> Iterator[Cluster]:
    import os

    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        missing("nginx is not installed")
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if not admin_url:
        missing("TEST_DATABASE_URL is not set")
    cluster = Cluster(2, admin_url=admin_url, redis_url=redis_url)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()


def test_long_polling_through_nginx_sticks_to_one_process(cluster: Cluster) -> None:
    http = requests.Session()
    first = http.get(cluster.url + "/", timeout=10)
    assert first.status_code == 200 and "rundabord_route" in http.cookies
    assert first.headers["Content-Security-Policy"]  # the app's own headers pass through
    projector = socketio.Client(reconnection=False, http_session=http)
    projector.connect(
        cluster.url, auth={"role": "projector", "token": cluster.projector_token}, transports=["polling"]
    )
    snapshots = [projector.call("get_snapshot", {}, timeout=10) for _ in range(10)]
    assert all(s["workshop"]["id"] == cluster.workshop_id for s in snapshots)
    assert projector.connected
    projector.disconnect()
