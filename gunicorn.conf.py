"""Gunicorn settings for a server (docs/DEPLOY.md): `gunicorn -c gunicorn.conf.py`.

One gevent worker per process. Socket.IO needs every request of a connection to reach
the same process ("sticky sessions"), which gunicorn's own balancing cannot give; to use
more processors, start one of these per port (PORT=8001, 8002, …; see
deploy/rundabord@.service) behind nginx (deploy/nginx.conf), with REDIS_URL so that
the processes pass their events to each other.
"""

from __future__ import annotations

import os
from typing import Any

wsgi_app = "wsgi:app"
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
worker_class = "gevent"
workers = 1
worker_connections = int(os.environ.get("WORKER_CONNECTIONS", "3000"))  # phones held open
timeout = 60
graceful_timeout = 20
keepalive = 75  # nginx keeps upstream connections alive
accesslog = "-" if os.environ.get("RUNDABORD_ACCESS_LOG") == "1" else None
errorlog = "-"
proc_name = f"rundabord-{os.environ.get('PORT', '8000')}"
# The X-Forwarded-* headers are read by the app (TRUSTED_PROXIES, werkzeug's ProxyFix).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def post_worker_init(worker: Any) -> None:
    """Start what the server does besides answering: the word-cloud and suggestion
    workers, the retention sweep, the event-loop watch."""
    from webapp.serve import start_background

    if not worker.wsgi.config.get("PUBLIC_URL"):
        worker.log.warning("PUBLIC_URL is not set: QR codes carry the address each request came in on")
    start_background(worker.wsgi)
