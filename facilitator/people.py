"""The people of a workshop: scribes and their links, co-facilitators and the owner,
the participant list and the table cards that join a group."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from facilitator.access import own_workshop
from facilitator.editor import save_side_form, scribe_form
from facilitator.forms import (
    FacilitatorForm,
)
from models.accounts import add_facilitator, hand_over, remove_facilitator
from models.errors import DomainError
from models.groups import groups_of
from models.participants import participant_list
from models.privacy import retention_due
from models.scribes import Scribe, invite_scribe, revoke_scribe
from webapp.broadcast import end_access
from webapp.errors import message_for
from webapp.extensions import db
from webapp.netinfo import public_base_url
from webapp.qr import qr_response

bp = Blueprint("people", __name__, url_prefix="/f")


@bp.post("/workshops/<int:workshop_id>/scribes")
@login_required
def add_scribe(workshop_id: int) -> Response | str:
    """A new scribe link (and QR code): notes, input for a group, the board; nothing else."""
    workshop = own_workshop(workshop_id)
    form = scribe_form(workshop)
    return save_side_form(
        workshop,
        form,
        lambda: invite_scribe(db.session, workshop, form.name.data or "", form.group.data or None),
        "#scribes-heading",
        "scribe_form",
    )


@bp.post("/workshops/<int:workshop_id>/scribes/<int:scribe_id>/revoke")
@login_required
def revoke_scribe_link(workshop_id: int, scribe_id: int) -> Response:
    """The scribe's link stops working at once, their open pages too."""
    workshop = own_workshop(workshop_id)
    try:
        revoke_scribe(db.session, workshop, scribe_id)
    except DomainError:
        abort(404)
    end_access("link_revoked", scribe_id=scribe_id)
    flash(_("The scribe's link no longer works."), "success")
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id, _anchor="scribes-heading"))


@bp.get("/workshops/<int:workshop_id>/scribes/<int:scribe_id>/qr.svg")
@login_required
def scribe_qr(workshop_id: int, scribe_id: int) -> Response:
    """The QR code of a scribe's link, to show on the laptop for the scribe's phone or tablet."""
    workshop = own_workshop(workshop_id)
    scribe = db.session.get(Scribe, scribe_id)
    if scribe is None or scribe.workshop_id != workshop.id or scribe.revoked_at is not None:
        abort(404)
    return qr_response(scribe_url(scribe), cache="private, no-store")


def scribe_url(scribe: Scribe) -> str:
    return public_base_url(request.host_url) + url_for("scribe.page", token=scribe.token).lstrip("/")


@bp.post("/workshops/<int:workshop_id>/facilitators")
@login_required
def add_cofacilitator(workshop_id: int) -> Response | str:
    """Another facilitator, by their account's e-mail: runs the workshop with full rights
    but its facilitators, which the owner manages."""
    workshop = own_workshop(workshop_id)
    form = FacilitatorForm()
    return save_side_form(
        workshop,
        form,
        lambda: add_facilitator(db.session, workshop, current_user.id, form.email.data or ""),
        "#facilitators-heading",
        "facilitator_form",
    )


@bp.post("/workshops/<int:workshop_id>/facilitators/<int:facilitator_id>/remove")
@login_required
def remove_cofacilitator(workshop_id: int, facilitator_id: int) -> Response:
    """The owner removes a co-facilitator, or a co-facilitator leaves; never the owner."""
    workshop = own_workshop(workshop_id)
    left = _facilitators_change(
        lambda: remove_facilitator(db.session, workshop, current_user.id, facilitator_id)
    )
    if left and facilitator_id == current_user.id:
        return redirect(url_for("workshops.workshops"))
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id, _anchor="facilitators-heading"))


@bp.post("/workshops/<int:workshop_id>/facilitators/<int:facilitator_id>/owner")
@login_required
def hand_over_workshop(workshop_id: int, facilitator_id: int) -> Response:
    """The owner makes a co-facilitator the owner, and runs the workshop on as a co-facilitator."""
    workshop = own_workshop(workshop_id)
    _facilitators_change(lambda: hand_over(db.session, workshop, current_user.id, facilitator_id))
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id, _anchor="facilitators-heading"))


def _facilitators_change(change: Callable[[], None]) -> bool:
    """A change to who runs the workshop; the reason shown when it is refused."""
    try:
        change()
    except DomainError as error:
        db.session.rollback()
        flash(message_for(error.code, **error.params), "error")
        return False
    flash(_("Saved."), "success")
    return True


@bp.get("/workshops/<int:workshop_id>/tables")
@login_required
def table_cards(workshop_id: int) -> str:
    """A page to print: one QR code per table group that joins with the group chosen."""
    workshop = own_workshop(workshop_id)
    return render_template(
        "facilitator/table_cards.html", workshop=workshop, groups=groups_of(db.session, workshop.id)
    )


@bp.get("/workshops/<int:workshop_id>/participants")
@login_required
def participants(workshop_id: int) -> str:
    """The participant list: those who agreed to be on it, and how many took part anonymously."""
    workshop = own_workshop(workshop_id)
    listed, anonymous = participant_list(db.session, workshop.id)
    groups = {g.id: g.name for g in groups_of(db.session, workshop.id)}
    return render_template(
        "facilitator/participants.html",
        workshop=workshop,
        listed=listed,
        anonymous=anonymous,
        groups=groups,
        retention_due=retention_due(workshop),
    )
