"""Fixtures in the manner of the Flask tutorial: app, client, runner, auth; every
app-level test runs on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import text

from content.templates import create_from_template
from models import agenda
from models.accounts import Facilitator, create_facilitator
from models.workshops import Step, Workshop
from tests.support.required import missing
from webapp import create_app
from webapp.extensions import db

PASSWORD = "correct horse battery"
_pg_schema_ready = False


def _postgres_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        missing("TEST_DATABASE_URL is not set")
    from config import database_url

    return database_url(url)


@pytest.fixture
def redis_url() -> str:
    """A Redis database for tests (CI: TEST_REDIS_URL, database 15), emptied first."""
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        missing("TEST_REDIS_URL is not set")
    import redis

    redis.Redis.from_url(url).flushdb()
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def app(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Flask]:
    global _pg_schema_ready
    uri = f"sqlite:///{tmp_path / 'test.db'}" if request.param == "sqlite" else _postgres_url()
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "INSTANCE_DIR": tmp_path})
    with app.app_context():
        if request.param == "sqlite":
            db.create_all()
        elif not _pg_schema_ready:
            db.drop_all()
            db.session.execute(text("DROP TABLE IF EXISTS alembic_version"))
            db.session.commit()
            db.create_all()
            _pg_schema_ready = True
        yield app
        db.session.remove()
        if request.param == "postgresql":
            tables = ", ".join(t.name for t in db.metadata.sorted_tables)
            db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            db.session.commit()
            db.session.remove()
        db.engine.dispose()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def facilitator(app: Flask) -> Facilitator:
    return create_facilitator(db.session, "leda@region.se", PASSWORD, "Leda")


@pytest.fixture
def other_facilitator(app: Flask) -> Facilitator:
    return create_facilitator(db.session, "annan@kommun.se", PASSWORD, "Annan")


@pytest.fixture
def workshop(facilitator: Facilitator) -> Workshop:
    return create_from_template(
        db.session, facilitator, "samverkan", "Ledning & Styrning i Samverkan", place="Malmö"
    )


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, email: str = "leda@region.se", password: str = PASSWORD) -> Any:
        return self._client.post("/f/login", data={"email": email, "password": password})

    def logout(self) -> Any:
        return self._client.post("/f/logout")


@pytest.fixture
def auth(client: FlaskClient) -> AuthActions:
    return AuthActions(client)


def join(client: FlaskClient, workshop: Workshop, name: str = "") -> Any:
    """A phone joins by the workshop's QR address."""
    data = {"display_name": name, "consent": "y"} if name else {}
    return client.post(f"/j/{workshop.join_code}", data=data)


def add_step(workshop: Workshop, kind: str, title: str) -> Step:
    """A new step of `kind` at the end of the workshop's agenda, committed."""
    agenda.add_step(db.session, workshop, kind, title)
    db.session.commit()
    step: Step = workshop.steps[-1]
    return step
