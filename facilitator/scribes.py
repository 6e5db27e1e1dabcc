"""The scribe's pages, opened by the secret link the facilitator shares: the notes and
input entered on a group's behalf (`/s/<token>`), and the board as the projector shows
it (`/s/<token>/board`). A revoked link says so (410)."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from werkzeug.wrappers import Response

from facilitator.projector import CLOUD_POLICY, cloud_response
from models.errors import LinkRevoked
from models.groups import groups_of
from models.scribes import Scribe, find_scribe, scribe_group, was_revoked
from webapp.extensions import db, talisman

bp = Blueprint("scribe", __name__, url_prefix="/s", template_folder="templates")


def _scribe(token: str) -> Scribe:
    scribe = find_scribe(db.session, token)
    if scribe is None and was_revoked(db.session, token):
        raise LinkRevoked()  # the error page says so (410)
    if scribe is None:
        abort(404)
    return scribe


@bp.get("/<token>")
def page(token: str) -> str:
    scribe = _scribe(token)
    return render_template(
        "facilitator/scribe.html",
        scribe=scribe,
        workshop=scribe.workshop,
        group=scribe_group(db.session, scribe),
        has_groups=bool(groups_of(db.session, scribe.workshop_id)),
    )


@bp.get("/<token>/board")
def board(token: str) -> str:
    """The projector's view, read-only, for a scribe's own screen."""
    scribe = _scribe(token)
    return render_template(
        "facilitator/projector.html",
        workshop=scribe.workshop,
        auth_role="scribe",
        token=token,
        cloud_base=url_for("scribe.page", token=token) + "/cloud/",
    )


@bp.get("/<token>/cloud/<int:step_id>.svg")
@talisman(content_security_policy=CLOUD_POLICY)
def cloud_svg(token: str, step_id: int) -> Response:
    scribe = find_scribe(db.session, token)
    return cloud_response(scribe.workshop if scribe else None, step_id)
