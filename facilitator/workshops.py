"""The facilitator's workshops: the list, a new one (from a template or empty), an
imported archive, ending and reopening, deleting for good, and the live dashboard."""

from __future__ import annotations

from collections.abc import Callable

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext
from flask_login import current_user, login_required
from sqlalchemy import select
from werkzeug.wrappers import Response

from content.archive import import_archive
from content.templates import create_from_template
from export.archive import ArchiveError
from facilitator.access import own_workshop, safe_next, show_error
from facilitator.forms import (
    ImportForm,
    NewWorkshopForm,
)
from facilitator.strings import import_mark
from models import agenda
from models.accounts import Facilitator
from models.errors import DomainError
from models.events import Event
from models.privacy import delete_workshop
from models.session import DbSession
from models.workshops import Workshop
from webapp.broadcast import broadcast, end_access
from webapp.errors import message_for
from webapp.extensions import db

bp = Blueprint("workshops", __name__, url_prefix="/f")


@bp.get("/")
@login_required
def workshops() -> str:
    """The facilitator's own workshops, newest first."""
    return _workshop_list(ImportForm(formdata=None))


def _workshop_list(import_form: ImportForm) -> str:
    owned = db.session.scalars(
        select(Workshop)
        .where(Workshop.facilitators.any(Facilitator.id == current_user.id))
        .order_by(Workshop.created_at.desc())
    ).all()
    return render_template("facilitator/workshops.html", workshops=owned, import_form=import_form)


ARCHIVE_PROBLEMS = {
    "not_json": lazy_gettext("That file is not an archive from Rundabord (it is not JSON)."),
    "not_an_archive": lazy_gettext("That file is not an archive from Rundabord."),
    "unknown_version": lazy_gettext(
        "The archive comes from another version of Rundabord, which this one cannot read."
    ),
    "incomplete": lazy_gettext("The archive is incomplete: the workshop's title is missing."),
    "broken_rows": lazy_gettext("The archive is damaged: some of its rows refer to rows that are not in it."),
}


@bp.post("/workshops/import")
@login_required
def import_workshop() -> Response | str:
    """An archive becomes a new workshop of the logged-in facilitator."""
    form = ImportForm()
    if form.validate_on_submit():
        try:
            imported = import_archive(db.session, form.archive.data.read(), current_user, import_mark())
        except ArchiveError as error:
            form.archive.errors = [*form.archive.errors, str(ARCHIVE_PROBLEMS[error.reason])]
        else:
            flash(_("Imported as a new workshop."), "success")
            for title in imported.without_files:
                flash(
                    _(
                        "The film of the step “%(title)s” is neither in the archive nor on this server:"
                        " upload it on the step's film page (or import the archive with its films, .zip).",
                        title=title,
                    ),
                    "error",
                )
            return redirect(url_for("editor.edit_workshop", workshop_id=imported.workshop.id))
    return _workshop_list(form)


@bp.route("/workshops/new", methods=["GET", "POST"])
@login_required
def new_workshop() -> Response | str:
    form = NewWorkshopForm()
    if form.validate_on_submit():
        facts = form.facts()
        try:
            if form.template.data:
                workshop = create_from_template(db.session, current_user, form.template.data, **facts)
            else:
                workshop = agenda.create_workshop(db.session, current_user, **facts)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id))
    return render_template("facilitator/new_workshop.html", form=form)


@bp.post("/workshops/<int:workshop_id>/delete")
@login_required
def delete_workshop_route(workshop_id: int) -> Response:
    """The workshop and everything sent to it, for good: its owner's decision."""
    workshop = own_workshop(workshop_id)
    if not workshop.is_owned_by(current_user.id):
        flash(message_for("owner_only_delete"), "error")
        return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id, _anchor="privacy-heading"))
    title, gone = workshop.title, workshop.id
    delete_workshop(db.session, workshop)
    end_access("workshop_deleted", workshop_id=gone)
    flash(_("“%(title)s” and everything in it is deleted.", title=title), "success")
    return redirect(url_for("workshops.workshops"))


@bp.post("/workshops/<int:workshop_id>/end")
@login_required
def end_workshop(workshop_id: int) -> Response:
    """ "Avsluta workshopen": every step closes and the phones thank the room at once."""
    return _end_or_reopen(
        workshop_id,
        agenda.end_workshop,
        _("The workshop has ended. Participants can still see and delete what they sent."),
    )


@bp.post("/workshops/<int:workshop_id>/reopen")
@login_required
def reopen_workshop(workshop_id: int) -> Response:
    """Undo the end: participants can join again; open a step to go on."""
    return _end_or_reopen(
        workshop_id, agenda.reopen_workshop, _("The workshop is open again. Open a step to go on.")
    )


def _end_or_reopen(workshop_id: int, change: Callable[[DbSession, Workshop], Event], said: str) -> Response:
    """Broadcast the change, say it, and go back to the page the control was on."""
    workshop = own_workshop(workshop_id)
    broadcast(change(db.session, workshop))
    flash(said, "success")
    back = safe_next(request.form.get("next"))
    return redirect(back or url_for("editor.edit_workshop", workshop_id=workshop.id))


@bp.get("/workshops/<int:workshop_id>/live")
@login_required
def dashboard(workshop_id: int) -> str:
    """The live dashboard: open and close steps, watch input arrive."""
    return render_template("facilitator/dashboard.html", workshop=own_workshop(workshop_id))
