"""The projector: read-only, opened by its secret address on the big screen; and the
word cloud image it (and a scribe's page) shows."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    render_template,
    request,
    url_for,
)
from werkzeug.wrappers import Response

from models.workshops import Step, Workshop, find_by_projector_token
from steps.words.clouds import stored_cloud
from webapp.extensions import db, talisman

bp = Blueprint("projector", __name__)


@bp.get("/projector/<token>")
def projector(token: str) -> str:
    """The projector view: read-only, opened by its secret address on the big screen."""
    workshop = find_by_projector_token(db.session, token)
    if workshop is None:
        abort(404)
    return render_template(
        "facilitator/projector.html",
        workshop=workshop,
        auth_role="projector",
        token=token,
        cloud_base=url_for("projector.projector", token=token) + "/cloud/",
    )


# The cloud is an image document: no script can run in it; its embedded font and
# the wordcloud library's per-word fill styles are its only inline content.
CLOUD_POLICY = {"default-src": "'none'", "style-src": "'unsafe-inline'", "font-src": "data:"}


@bp.get("/projector/<token>/cloud/<int:step_id>.svg")
@talisman(content_security_policy=CLOUD_POLICY)
def cloud_svg(token: str, step_id: int) -> Response:
    """The latest word cloud of a Words step (`?v=` only busts caches)."""
    return cloud_response(find_by_projector_token(db.session, token), step_id)


def cloud_response(workshop: Workshop | None, step_id: int) -> Response:
    """A step's stored cloud, for a screen of `workshop` (None: the caller may not see it)."""
    cloud = stored_cloud(db.session, step_id) if workshop is not None else None
    step = db.session.get(Step, step_id) if cloud is not None else None
    if workshop is None or cloud is None or step is None or step.workshop_id != workshop.id:
        abort(404)
    response = Response(cloud.svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, max-age=3600" if request.args.get("v") else "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
