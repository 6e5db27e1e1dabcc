"""`make run`: migrate, make sure a facilitator exists, print the addresses, serve.

One process serves everything (gevent): pages, Socket.IO and background work.
"""

from __future__ import annotations

from gevent import monkey

monkey.patch_all()

import gc  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402

from flask import Flask  # noqa: E402
from flask_migrate import upgrade  # noqa: E402

from analysis.words import warm_up  # noqa: E402
from export.libraries import load_export_libraries  # noqa: E402
from models.privacy import apply_retention  # noqa: E402
from steps.cards.suggestions import worker as suggestion_worker  # noqa: E402
from steps.words.cloud_jobs import worker as cloud_worker  # noqa: E402
from webapp import create_app  # noqa: E402
from webapp.checkpoints import start_checkpoints  # noqa: E402
from webapp.commands import ensure_first_facilitator  # noqa: E402
from webapp.extensions import db, socketio  # noqa: E402
from webapp.netinfo import detect_public_url  # noqa: E402
from webapp.nodelay import NoDelayHandler  # noqa: E402
from webapp.static_files import warm_static_files  # noqa: E402

RETENTION_EVERY_S = 3600


def retention_loop(app: Flask) -> None:
    """Every hour, remove the names whose workshop's retention time has passed."""
    while True:
        with app.app_context():
            try:
                apply_retention(db.session)
            except Exception:  # a bad hour must not end the loop; the log says why
                app.logger.exception("applying the retention setting failed")
            finally:
                db.session.remove()
        socketio.sleep(RETENTION_EVERY_S)


GC_THRESHOLDS = (700, 10, 1000)  # Python's defaults, but the last (700, 10, 10)


def start_background(app: Flask) -> None:
    """What a serving process runs besides answering requests: the event-loop watch, the
    retention sweep, and the word-cloud and suggestion workers. `make run` and each
    gunicorn process (gunicorn.conf.py) call it once."""
    warm_up()  # load the Swedish dictionary before the first word arrives
    if not load_export_libraries():  # before the loop serves: see export.libraries
        app.logger.warning("PDF exports are off: WeasyPrint cannot load Pango on this machine")
    app.extensions["loopwatch"].start()
    start_checkpoints(app)
    socketio.start_background_task(retention_loop, app)
    socketio.start_background_task(warm_static_files, app)  # ready before the QR code is shown
    if app.config["CLOUD_RENDERING"]:
        cloud_worker.start()
    if app.config["CARD_SUGGESTIONS"]:
        suggestion_worker.start()
    # What is loaded now (the app, the Swedish dictionary) lives as long as the process:
    # keep it out of the collector's full passes, which otherwise stall the loop ~50 ms.
    gc.freeze()
    # A room's phones make what lives on (their sockets, their sessions' objects), and the
    # collector's full passes over it stopped the loop 70-95 ms each, every second or two
    # at 500 submissions a second: most of the p95 of the stress minute (bench/load.py,
    # 2026-12-04: 148 ms with Python's default thresholds, 49 ms with these). The young
    # generations are collected as before; a full pass waits for 1,000 of the middle
    # one's instead of 10 (minutes apart under load, so memory stays bounded).
    gc.set_threshold(*GC_THRESHOLDS)
    # The threads beside the loop (the cloud's reading, exports, checkpoints) give the GIL
    # back to the loop after 1 ms instead of Python's 5: a burst's p99 on the projector
    # went from 18-20 ms to 14-17 ms (bench/load.py --profile burst, 2026-12-04, 2 runs each).
    sys.setswitchinterval(0.001)


def main() -> None:
    app = create_app()
    port = int(app.config["PORT"])
    if app.config.get("PUBLIC_URL"):
        source = "PUBLIC_URL"
    else:
        url, loopback_only = detect_public_url(port)
        app.config["PUBLIC_URL"] = url
        source = "the network address found at start-up"
        if loopback_only:
            print(
                "WARNING: no network address found; phones cannot reach 127.0.0.1. "
                "Connect to the phones' network and start again, or set PUBLIC_URL.",
                file=sys.stderr,
            )
    with app.app_context():
        upgrade()
        ensure_first_facilitator()
    start_background(app)
    base = app.config["PUBLIC_URL"].rstrip("/")
    print()
    print(f"Rundabord is running. Phones join at:   {base}/")
    print(f"Facilitators log in at:                  {base}/f/login")
    print(f"(listening on {app.config['HOST']}:{port}; the address in QR codes is {source})")
    sys.stdout.flush()
    socketio.run(
        app,
        host=app.config["HOST"],
        port=port,
        log_output=os.environ.get("RUNDABORD_ACCESS_LOG") == "1",
        allow_unsafe_werkzeug=False,
        handler_class=NoDelayHandler,  # passed on to gevent's WSGIServer
    )


if __name__ == "__main__":
    main()
