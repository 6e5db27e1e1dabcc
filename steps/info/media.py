"""An information step's film: a local video file (MP4, WebM or Ogg, up to the server's
upload limit, MAX_CONTENT_LENGTH) that the big screen and the phones play from this
server, so "watch the film first" works without the internet at the venue.

The file is kept in the instance folder under a random name, which is its only address
(`/media/<name>`), as the projector's link is; phones load it only when played."""

from __future__ import annotations

import re
import secrets
import shutil
from collections.abc import Mapping
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    send_from_directory,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from werkzeug.wrappers import Response

from models.workshops import Step
from steps.settings import step_setting
from webapp.offload import beside_the_loop

EXTENSIONS = ("mp4", "webm", "ogv", "ogg")
NAME = r"[0-9]+-[A-Za-z0-9_-]{16,}\.(mp4|webm|ogv|ogg)"


class FilmForm(FlaskForm):
    film = FileField(
        _l("Film"),
        description=_l("An MP4, WebM or Ogg file. It plays from this server, without the internet."),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(EXTENSIONS, _l("Choose an MP4, WebM or Ogg film.")),
        ],
    )


def add_media_routes(bp: Blueprint) -> None:
    bp.add_url_rule(
        "/f/workshops/<int:workshop_id>/steps/<int:step_id>/film",
        "film",
        login_required(film),
        methods=["GET", "POST"],
    )
    bp.add_url_rule(
        "/f/workshops/<int:workshop_id>/steps/<int:step_id>/film/remove",
        "remove_film",
        login_required(remove_film),
        methods=["POST"],
    )
    bp.add_url_rule("/media/<name>", "media", media)


def folder() -> Path:
    path = Path(current_app.config["INSTANCE_DIR"]) / "media"
    path.mkdir(parents=True, exist_ok=True)
    return path


def film(workshop_id: int, step_id: int) -> Response | str:
    """The film of an information step: upload one (it replaces the one before), or remove it."""
    from facilitator.access import own_step

    step = own_step(workshop_id, step_id)
    if step.kind != "info":
        abort(404)
    form = FilmForm()
    if form.validate_on_submit():
        upload = form.film.data
        extension = upload.filename.rsplit(".", 1)[-1].lower()
        name = _new_name(step, extension)
        upload.save(folder() / name)
        _set_film(step, name)
        flash(_("The film is saved. It shows with the step."), "success")
        return redirect(url_for("step_info.film", workshop_id=workshop_id, step_id=step_id))
    return render_template("steps/info/film.html", step=step, form=form, current=step_setting(step, "video"))


def remove_film(workshop_id: int, step_id: int) -> Response:
    from facilitator.access import own_step

    step = own_step(workshop_id, step_id)
    if step.kind != "info":
        abort(404)
    _set_film(step, "")
    flash(_("The film is removed."), "success")
    return redirect(url_for("step_info.film", workshop_id=workshop_id, step_id=step_id))


def _set_film(step: Step, name: str) -> None:
    """The step's film is `name` (empty: none); the file before it goes, and every screen
    hears of the change."""
    from models.agenda import set_step_settings
    from webapp.broadcast import broadcast
    from webapp.extensions import db

    before = step_setting(step, "video")
    broadcast(set_step_settings(db.session, step, video=name))
    if before and before != name:
        (folder() / before).unlink(missing_ok=True)


def forget_film(step: Step) -> None:
    """The step's film file, removed (the step or its workshop is deleted)."""
    name = step_setting(step, "video")
    if name and re.fullmatch(NAME, name):
        (folder() / name).unlink(missing_ok=True)


def film_file(step: Step) -> dict[str, Path]:
    """The step's film file by its name, if it has one on this server."""
    name = step_setting(step, "video")
    path = folder() / name if name and re.fullmatch(NAME, name) else None
    return {name: path} if path is not None and path.is_file() else {}


def copy_film(step: Step, files: Mapping[str, bytes]) -> bool:
    """An imported step's film, as a file of its own: the one its archive carries (an
    archive with files, from any server), else a copy of the file its archive names when
    this server has it (an archive made here), so that removing either step's film leaves
    the other's; else the step has none. False when the step named a film that is not here."""
    name = step_setting(step, "video")
    if not name:
        return True
    copied = ""
    if re.fullmatch(NAME, name):
        carried, here = files.get(name), film_file(step).get(name)
        if carried is not None or here is not None:
            copied = _new_name(step, name.rsplit(".", 1)[-1])
            target = folder() / copied
            # A film of up to the upload limit: written in a thread, not on the event loop.
            app = current_app._get_current_object()  # type: ignore[attr-defined]
            if carried is not None:
                beside_the_loop(app, lambda: target.write_bytes(carried), "files")
            else:
                beside_the_loop(app, lambda: shutil.copyfile(here, target), "files")  # type: ignore[arg-type]
    step.settings = {**step.settings, "video": copied}
    return bool(copied)


def _new_name(step: Step, extension: str) -> str:
    """A film's file name: the step's id and a random part, its only address."""
    return f"{step.id}-{secrets.token_urlsafe(18)}.{extension}"


def media(name: str) -> Response:
    """A film, by its random name; ranges, so a player can seek and a phone need not load
    all of it."""
    if not re.fullmatch(NAME, name):
        abort(404)
    return send_from_directory(folder(), name, conditional=True, max_age=3600)
