"""Binds the extension objects of `webapp.extensions` to one app."""

from __future__ import annotations

import sqlite3
from typing import Any

import redis
from flask import Flask, current_app, request, session
from flask_babel import gettext
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

from config import BASE_DIR
from models.accounts import set_language
from webapp.extensions import babel, compress, csrf, db, limiter, login_manager, migrate, socketio
from webapp.presence import init_presence


def N_(message: str) -> str:  # the marker name pybabel looks for
    """Mark a string for the catalogue without translating it yet."""
    return message


def register_extensions(app: Flask) -> None:
    """Initialise every extension; socket handler modules are imported first."""
    app.config.setdefault("SQLALCHEMY_ENGINE_OPTIONS", _engine_options(app))
    db.init_app(app)
    migrate.init_app(app, db, directory=str(BASE_DIR / "migrations"), render_as_batch=True)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = N_("Log in to see this page.")
    login_manager.localize_callback = gettext  # translated when flashed, in the person's language
    login_manager.login_message_category = "info"
    app.before_request(_larger_imports)  # before CSRFProtect reads the form
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    # Pages, scripts and clouds go out compressed: a phone's first load stays small on
    # a venue's crowded Wi-Fi even without a proxy in front (the one-laptop set-up).
    compress.init_app(app)
    init_presence(app)
    _init_socketio(app)


IMPORT_ENDPOINT = "workshops.import_workshop"


def _larger_imports() -> None:
    """A workshop archive with its films may be larger than any other request: up to
    IMPORT_MAX_LENGTH on the import form, for a logged-in facilitator only."""
    if request.endpoint == IMPORT_ENDPOINT and current_user.is_authenticated:
        request.max_content_length = current_app.config["IMPORT_MAX_LENGTH"]


def shared_redis(app: Flask) -> redis.Redis | None:
    """The app's one Redis client (REDIS_URL), shared by what coordinates several server
    processes (presence, derived views); None in the one-process set-up."""
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    client: redis.Redis | None = app.extensions.get("rundabord.redis")
    if client is None:
        client = app.extensions["rundabord.redis"] = redis.Redis.from_url(url, decode_responses=True)
    return client


def sqlite_in_one_loop(app: Flask) -> bool:
    """Whether the app is `make run`'s set-up: a SQLite file served by one gevent event
    loop, which every commit (and checkpoint) stops while it waits for the disk."""
    with app.app_context():
        return bool(db.engine.dialect.name == "sqlite" and app.config["SOCKETIO_ASYNC_MODE"] == "gevent")


def _engine_options(app: Flask) -> dict[str, Any]:
    uri: str = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("sqlite"):
        # One connection per process: SQLite writes one at a time anyway, and with
        # gevent a second connection could only wait on the file lock, blocking the
        # whole event loop. The pool queue waits cooperatively instead.
        return {"pool_size": 1, "max_overflow": 0, "pool_timeout": 30}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 20}


def _init_socketio(app: Flask) -> None:
    # Handlers register on import, before init_app (as Flask-SocketIO-Chat does): the
    # shared ones, then each kind's own.
    import facilitator.events  # noqa: F401
    from steps.registry import kinds

    for kind in kinds().values():
        kind.load_events()
    from webapp.sockets import SocketSessionInterface

    app.session_interface = SocketSessionInterface()
    socketio.init_app(
        app,
        async_mode=app.config["SOCKETIO_ASYNC_MODE"],
        message_queue=app.config.get("REDIS_URL"),
        max_http_buffer_size=app.config["MAX_SOCKET_MESSAGE_BYTES"],
        cors_allowed_origins=app.config.get("SOCKETIO_ALLOWED_ORIGINS"),
        ping_interval=10,
        ping_timeout=20,
    )


def select_locale() -> str:
    """The language the person chose, else Swedish.

    Not the browser's language: many phones in a Swedish room are set to English,
    and the workshop itself is held in Swedish.
    """
    chosen = session.get("lang") if request else None
    if chosen in current_app.config["LANGUAGES"]:
        return str(chosen)
    return str(current_app.config["BABEL_DEFAULT_LOCALE"])


def remember_language(lang: str) -> None:
    """The person's choice of language (one of LANGUAGES), for this session; a logged-in
    facilitator's is also kept with their account, for every later login."""
    session["lang"] = lang
    if current_user.is_authenticated:
        set_language(db.session, current_user, lang, current_app.config["LANGUAGES"])


@event.listens_for(Engine, "connect")
def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    # Let SQLAlchemy emit BEGIN itself (see _sqlite_begin); the driver's own is too late.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


# An engine that only reads (`webapp.offload`'s, in a thread beside the event loop): on
# SQLite it begins without the write lock, so the loop's writers never wait for it.
READER = "rundabord_reader"


@event.listens_for(Engine, "begin")
def _sqlite_begin(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        # Take the write lock at the start, so a transaction that read first can
        # never fail to upgrade ("database is locked") when another process wrote.
        # A reader needs no lock: with the write-ahead log it reads a snapshot.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READER) else "BEGIN IMMEDIATE")
