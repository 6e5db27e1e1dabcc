"""Fault tests run real server processes on 127.0.0.1 (as `make run` starts them)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import ServerProcess, facilitator_and_workshop, scratch_database
from tests.support.required import missing


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    """A PostgreSQL database of its own (the server processes migrate it), dropped after."""
    admin_url = os.environ.get("TEST_DATABASE_URL")
    if not admin_url:
        missing("TEST_DATABASE_URL is not set")
    with scratch_database(admin_url, "rundabord_fault") as url:
        yield url


def create_workshop(server: ServerProcess, title: str = "Omstart") -> dict[str, str]:
    """A facilitator (leda@region.se) and a workshop from the template; its addresses."""
    return facilitator_and_workshop(server, "leda@region.se", "correct horse battery", title)
