"""`make run`'s server sends at once on every connection (TCP_NODELAY): without it, a
join took 94 ms instead of 7 and a facilitator's acknowledgement 48 instead of 3."""

from __future__ import annotations

import socket

from flask import Flask
from gevent import pywsgi

from webapp.nodelay import NoDelayHandler


def nagle_off(sock: socket.socket) -> bool:
    return sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


class Probe(NoDelayHandler):
    """Notes, as it serves, whether the connection sends without delay."""

    seen: list[bool] = []

    def handle_one_request(self) -> object:
        Probe.seen.append(nagle_off(self.socket))
        return super().handle_one_request()


def serve_one(sock: socket.socket, address: object, handler: type[pywsgi.WSGIHandler] = Probe) -> None:
    server = pywsgi.WSGIServer(("127.0.0.1", 0), Flask(__name__), handler_class=handler)
    server.handler_class(sock, address, server).handle()


def test_each_connection_is_served_without_nagles_delay() -> None:
    Probe.seen.clear()
    with socket.create_server(("127.0.0.1", 0)) as listener:
        client = socket.create_connection(listener.getsockname())
        connection, address = listener.accept()
        assert not nagle_off(connection)  # the system's default
        client.close()  # no request: the handler reads the end and returns
        serve_one(connection, address)
    assert Probe.seen == [True]


def test_a_unix_socket_is_served_as_it_is() -> None:
    left, right = socket.socketpair()
    right.close()
    serve_one(left, "", NoDelayHandler)  # no error: a Unix socket has no Nagle's algorithm to turn off
