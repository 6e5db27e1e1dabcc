"""What the facilitator's pages share: the workshop or step the logged-in facilitator
runs (404 for any other), a refused rule shown on its form, a file to download."""

from __future__ import annotations

from flask import (
    abort,
    flash,
)
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from models import agenda
from models.errors import DomainError
from models.workshops import Step, Workshop
from webapp.errors import message_for
from webapp.extensions import db


def show_error(form: FlaskForm, error: DomainError) -> None:
    """A broken rule is shown on the form, beside its field when it names one;
    the page is rendered again with everything the facilitator typed."""
    message = message_for(error.code, **error.params)
    field = getattr(form, str(error.params.get("field", "")), None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, message]
    flash(message, "error")


def own_workshop(workshop_id: int) -> Workshop:
    """A workshop the logged-in facilitator runs; 404 for every other, so ids leak nothing."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or not workshop.is_run_by(current_user.id):
        abort(404)
    return workshop


def own_step(workshop_id: int, step_id: int) -> Step:
    return agenda.find_step(own_workshop(workshop_id), step_id)


def download(data: bytes, name: str, extension: str, mimetype: str) -> Response:
    """A file to save (never cached), its name safe for every system."""
    response = Response(data, mimetype=mimetype)
    safe = secure_filename(name)[:80] or "rundabord"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{extension}"'
    response.headers["Cache-Control"] = "no-store"
    return response


def safe_next(target: str | None) -> str | None:
    """A page of this site to go back to, never another site."""
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None
