"""`GET /healthz`: whether this process can answer and reach its database, for nginx,
systemd or a monitor. Tells nothing about any workshop."""

from __future__ import annotations

from flask import Blueprint, jsonify
from flask.typing import ResponseReturnValue
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from webapp.extensions import db

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> ResponseReturnValue:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return jsonify(ok=False, database=False), 503
    finally:
        db.session.remove()
    return jsonify(ok=True, database=True)
