"""The application factory: one `create_app` builds everything."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from config import BASE_DIR, CONFIGS


def create_app(test_config: Mapping[str, Any] | None = None) -> Flask:
    """Build the Flask app. `FLASK_CONFIG` picks development (default), production or testing."""
    app = Flask(__name__, instance_relative_config=False)
    config_name = "testing" if test_config else os.environ.get("FLASK_CONFIG", "development")
    app.config.from_object(CONFIGS[config_name])
    if test_config:
        app.config.update(test_config)
    Path(app.config["INSTANCE_DIR"]).mkdir(parents=True, exist_ok=True)
    _ensure_secret_key(app, config_name)

    from steps.registry import kinds
    from webapp import (
        blueprints,
        commands,
        errors,
        extensions_setup,
        loopwatch,
        security,
        socket_limits,
        static_files,
    )

    extensions_setup.register_extensions(app)
    for kind in kinds().values():
        kind.register(app)  # its workers: clouds, theme suggestions, rankings
    loopwatch.register_loopwatch(app)
    socket_limits.register_socket_limits(app)
    security.register_security(app)
    blueprints.register_blueprints(app)
    errors.register_errorhandlers(app)
    commands.register_commands(app)
    static_files.register_static_files(app)  # after every blueprint, so it knows their folders
    _trust_proxies(app)
    return app


def _trust_proxies(app: Flask) -> None:
    """Behind nginx, the phone's address and the scheme come from X-Forwarded-* (for rate
    limits per address, secure cookies and Socket.IO's origin check). Outermost, so
    Socket.IO's middleware sees them too."""
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )


def _ensure_secret_key(app: Flask, config_name: str) -> None:
    """Production refuses to start without SECRET_KEY; a laptop keeps a generated one."""
    if app.config.get("SECRET_KEY"):
        return
    if config_name == "production":
        raise RuntimeError("SECRET_KEY must be set in production (see docs/DEPLOY.md).")
    key_file = Path(app.config["INSTANCE_DIR"]) / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    app.config["SECRET_KEY"] = key_file.read_text().strip()


__all__ = ["BASE_DIR", "create_app"]
