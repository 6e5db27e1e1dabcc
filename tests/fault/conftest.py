"""Fault tests run real server processes on 127.0.0.1 (as `make run` starts them)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.server import ServerProcess


@pytest.fixture
def server(tmp_path: Path) -> Iterator[ServerProcess]:
    server = ServerProcess(tmp_path)
    server.start()
    yield server
    server.stop()


def create_workshop(server: ServerProcess, title: str = "Omstart") -> dict[str, str]:
    """A facilitator (leda@region.se) and a workshop from the template; its addresses."""
    server.flask("create-facilitator", "leda@region.se", "--password", "correct horse battery")
    output = server.flask("create-workshop", "--facilitator", "leda@region.se", "--title", title)
    return dict(re.findall(r"^([A-Za-z ]+): (\S+)", output, re.MULTILINE))
