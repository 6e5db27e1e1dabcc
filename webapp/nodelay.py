"""Connections without Nagle's algorithm for `make run`'s server (gevent's pywsgi).

With Nagle's algorithm on, a small write waits while an earlier one is not yet
acknowledged, and the other end delays its acknowledgement by up to 40 ms. Measured
here: a join (its answer written in two parts) took 94 ms instead of 7, and a
facilitator's action whose broadcast reached the same connection just before its
acknowledgement took 48 ms instead of 3. Every message here is small and wanted at
once, so each connection sends at once (TCP_NODELAY), as gunicorn does for the
regional set-up and nginx for its own connections.
"""

from __future__ import annotations

import contextlib
import socket

from gevent import pywsgi


def send_at_once(sock: socket.socket) -> None:
    """Turn Nagle's algorithm off for one connection (nothing to do on a Unix socket)."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHandler(pywsgi.WSGIHandler):
    """pywsgi's handler, sending without delay on the connection it serves."""

    def handle(self) -> None:
        send_at_once(self.socket)
        super().handle()
