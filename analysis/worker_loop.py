"""The loop of a worker process: one JSON request per line on stdin, one JSON answer per
line on stdout ({"error": ...} when a request fails; the process goes on)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any


def serve(handle: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
    if hasattr(os, "nice"):
        os.nice(10)  # this work may wait; answering phones may not: the server process goes first
    for line in sys.stdin:
        try:
            reply = handle(json.loads(line))
        except Exception as error:  # one bad request must not end the process
            reply = {"error": f"{type(error).__name__}: {error}"}
        sys.stdout.write(json.dumps(reply, ensure_ascii=False) + "\n")
        sys.stdout.flush()
