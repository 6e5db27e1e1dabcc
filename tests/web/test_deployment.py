"""What a server behind nginx relies on: the health check, and the phone's own address
taken from X-Forwarded-For only when TRUSTED_PROXIES says a proxy is in front."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient

from webapp import create_app
from webapp.extensions import db


def test_healthz_answers_when_the_database_does(client: FlaskClient) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"ok": True, "database": True}


def _app(tmp_path: Path, proxies: int) -> Flask:
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'proxy.db'}",
            "INSTANCE_DIR": tmp_path,
            "TRUSTED_PROXIES": proxies,
        }
    )
    with app.app_context():
        db.create_all()
    return app


def _guesses(client: FlaskClient, address: str, n: int) -> list[int]:
    return [client.get("/j/ZZZZZ2", headers={"X-Forwarded-For": address}).status_code for _ in range(n)]


def test_behind_a_trusted_proxy_each_phone_has_its_own_join_limit(tmp_path: Path) -> None:
    client = _app(tmp_path, proxies=1).test_client()
    assert _guesses(client, "10.0.0.1", 35)[-1] == 429
    assert _guesses(client, "10.0.0.2", 1) == [404]  # another phone in the room is not blocked


def test_without_a_trusted_proxy_a_forwarded_address_is_ignored(tmp_path: Path) -> None:
    client = _app(tmp_path, proxies=0).test_client()
    assert _guesses(client, "10.0.0.1", 35)[-1] == 429
    assert _guesses(client, "10.0.0.2", 1) == [429]  # a made-up header does not escape the limit
