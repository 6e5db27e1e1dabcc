"""The word cloud render process: `python -m analysis.cloud_worker`.

Reads one JSON request per line on stdin — {"words": [[key, text, count], ...],
"previous": [placement, ...], "max_words": n} — and answers each with one JSON
line on stdout: {"svg": ..., "layout": [placement, ...]} or {"error": ...}.
The server keeps one such process and waits for it without blocking its event
loop (see `steps.words.cloud_jobs`).
"""

from __future__ import annotations

from typing import Any

from analysis import cloud
from analysis.worker_loop import serve


def handle(request: dict[str, Any]) -> dict[str, Any]:
    words = [(str(k), str(t), int(c)) for k, t, c in request["words"]]
    previous = [cloud.Placement.from_json(p) for p in request.get("previous") or []]
    svg, placements = cloud.render(words, previous, int(request.get("max_words") or cloud.MAX_WORDS))
    return {"svg": svg, "layout": [p.as_json() for p in placements]}


if __name__ == "__main__":
    serve(handle)
