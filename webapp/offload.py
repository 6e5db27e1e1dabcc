"""CPU-heavy work for a request (writing an export) in a real OS thread, so the server's
event loop keeps answering phones meanwhile: gevent's thread pool when the server runs
under gevent; in tests and scripts, simply in place."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TypeVar

from flask import current_app

from webapp.extensions import db

T = TypeVar("T")


def off_the_loop(function: Callable[[], T]) -> T:
    """`function()` with an app context of its own (and its own database session)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]

    def run() -> T:
        with app.app_context():
            try:
                return function()
            finally:
                db.session.remove()

    if "gevent.monkey" in sys.modules:
        from gevent import monkey

        if monkey.is_module_patched("threading"):
            from gevent import get_hub

            return get_hub().threadpool.apply(run)  # type: ignore[no-any-return]
    return run()
