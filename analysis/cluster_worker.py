"""The card suggestion process: `python -m analysis.cluster_worker`.

Reads one JSON request per line (see `analysis.clustering.suggestion_payload`, plus
"backend": auto | lexical | semantic) and answers with theme suggestions or proposed
groups. Each backend is made once, so the embedding model loads once and its cache of
card embeddings lives as long as the process.
"""

from __future__ import annotations

import functools
from typing import Any

from analysis.clustering import Backend, make_backend, suggestion_payload
from analysis.worker_loop import serve


@functools.cache
def backend(choice: str) -> Backend:
    return make_backend(choice)


def handle(request: dict[str, Any]) -> dict[str, Any]:
    return suggestion_payload(backend(str(request.get("backend") or "auto")), request)


if __name__ == "__main__":
    serve(handle)
