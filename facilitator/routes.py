"""Facilitator pages: login, the list of workshops, the agenda editor, the live
dashboard; and the projector, which needs only its read-only token."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext, refresh
from flask_login import current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.datastructures import MultiDict
from werkzeug.utils import secure_filename
from werkzeug.wrappers import Response

from export.archive import ArchiveError
from facilitator.forms import (
    FacilitatorForm,
    GroupsForm,
    ImportForm,
    LoginForm,
    NewStepForm,
    NewWorkshopForm,
    NoteCategoriesForm,
    RetentionForm,
    ScribeForm,
    SettingsForm,
    WordListsForm,
    WorkshopForm,
    step_form,
)
from facilitator.groups_editor import group_lines, group_rows
from facilitator.strings import import_mark
from models import agenda
from models.accounts import Facilitator, add_facilitator, authenticate, hand_over, remove_facilitator
from models.archive import import_archive
from models.errors import DomainError
from models.events import Event
from models.groups import groups_of, save_groups
from models.notes import note_categories, set_note_categories
from models.participants import participant_list
from models.privacy import delete_workshop, retention_due, set_retention
from models.scribes import Scribe, invite_scribe, revoke_scribe, scribes_of
from models.session import DbSession
from models.templates import create_from_template
from models.workshops import Step, Workshop, find_by_projector_token
from steps.registry import kind_of, kinds
from steps.settings import editor_settings, step_setting
from steps.words.clouds import stored_cloud
from steps.words.export import words_export
from webapp.broadcast import broadcast, end_access
from webapp.errors import message_for
from webapp.extensions import db, limiter, login_manager, talisman
from webapp.extensions_setup import remember_language
from webapp.netinfo import public_base_url
from webapp.qr import qr_response
from webapp.sockets import disconnect_user

bp = Blueprint(
    "facilitator",
    __name__,
    url_prefix="/f",
    template_folder="templates",
    static_folder="static",
    static_url_path="/static",
)
projector_bp = Blueprint("projector", __name__, template_folder="templates")


@login_manager.user_loader
def load_facilitator(user_id: str) -> Facilitator | None:
    return db.session.get(Facilitator, int(user_id)) if user_id.isdigit() else None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: str(current_app.config["LOGIN_RATE_LIMIT"]), methods=["POST"])
def login() -> Response | str:
    form = LoginForm()
    if form.validate_on_submit():
        facilitator = authenticate(db.session, form.email.data or "", form.password.data or "")
        if facilitator is not None:
            kept = {k: session[k] for k in ("participants", "lang") if k in session}
            session.clear()  # a fresh session at login: no fixation
            session.update(kept)
            if facilitator.language:  # chosen in Settings, on whichever computer
                session["lang"] = facilitator.language
            login_user(facilitator)
            return redirect(_safe_next(request.args.get("next")) or url_for("facilitator.workshops"))
        flash(_("Wrong e-mail or password."), "error")
    return render_template("facilitator/login.html", form=form)


def _safe_next(target: str | None) -> str | None:
    if target and target.startswith("/") and not target.startswith("//"):
        return target
    return None


@bp.route("/settings", methods=["GET", "POST"])
@login_required
def settings() -> Response | str:
    """The facilitator's own settings: the interface language, kept with the account."""
    chosen = current_user.language or session.get("lang") or current_app.config["BABEL_DEFAULT_LOCALE"]
    form = SettingsForm(data={"language": chosen})
    if form.validate_on_submit():
        remember_language(form.language.data or "")  # one of the form's choices
        refresh()  # the message below already in the chosen language
        flash(_("Saved."), "success")
        return redirect(url_for("facilitator.settings"))
    return render_template("facilitator/settings.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    disconnect_user(current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("facilitator.login"))


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
            workshop = import_archive(db.session, form.archive.data.read(), current_user, import_mark())
        except ArchiveError as error:
            form.archive.errors = [*form.archive.errors, str(ARCHIVE_PROBLEMS[error.reason])]
        else:
            flash(_("Imported as a new workshop."), "success")
            return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id))
    return _workshop_list(form)


@bp.route("/workshops/new", methods=["GET", "POST"])
@login_required
def new_workshop() -> Response | str:
    form = NewWorkshopForm()
    if form.validate_on_submit():
        facts = _facts(form)
        try:
            if form.template.data:
                workshop = create_from_template(db.session, current_user, form.template.data, **facts)
            else:
                workshop = agenda.create_workshop(db.session, current_user, **facts)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id))
    return render_template("facilitator/new_workshop.html", form=form)


def show_error(form: FlaskForm, error: DomainError) -> None:
    """A broken rule is shown on the form, beside its field when it names one;
    the page is rendered again with everything the facilitator typed."""
    message = message_for(error.code, **error.params)
    field = getattr(form, str(error.params.get("field", "")), None)
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, message]
    flash(message, "error")


def _facts(form: WorkshopForm) -> dict[str, Any]:
    return {
        "title": form.title.data or "",
        "date": form.date.data,
        "place": form.place.data or "",
        "organizer": form.organizer.data or "",
    }


def own_workshop(workshop_id: int) -> Workshop:
    """A workshop the logged-in facilitator runs; 404 for every other, so ids leak nothing."""
    workshop = db.session.get(Workshop, workshop_id)
    if workshop is None or not workshop.is_run_by(current_user.id):
        abort(404)
    return workshop


def own_step(workshop_id: int, step_id: int) -> Step:
    return agenda.find_step(own_workshop(workshop_id), step_id)


@bp.route("/workshops/<int:workshop_id>", methods=["GET", "POST"])
@login_required
def edit_workshop(workshop_id: int) -> Response | str:
    """The editor: the workshop's facts and its agenda."""
    workshop = own_workshop(workshop_id)
    form = WorkshopForm(obj=workshop)
    if form.validate_on_submit():
        try:
            broadcast(agenda.update_workshop(db.session, workshop, **_facts(form)))
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id))
    return _editor(workshop, form=form)


def _editor(workshop: Workshop, sent_groups: MultiDict[str, str] | None = None, **forms: FlaskForm) -> str:
    """The editor page; `sent_groups`, the group rows as typed when their save was refused."""
    forms.setdefault("form", WorkshopForm(obj=workshop, formdata=None))
    forms.setdefault("lists_form", WordListsForm(obj=workshop, formdata=None))
    forms.setdefault("groups_form", GroupsForm(formdata=None))
    categories = "\n".join(note_categories(workshop))
    forms.setdefault("notes_form", NoteCategoriesForm(data={"note_categories": categories}, formdata=None))
    forms.setdefault("scribe_form", _scribe_form(workshop, formdata=None))
    forms.setdefault("facilitator_form", FacilitatorForm(formdata=None))
    forms.setdefault("retention_form", RetentionForm(obj=workshop, formdata=None))
    return render_template(
        "facilitator/edit_workshop.html",
        workshop=workshop,
        new_step_form=NewStepForm(),
        scribes=scribes_of(db.session, workshop.id),
        group_names={g.id: g.name for g in groups_of(db.session, workshop.id)},
        group_rows=group_rows(db.session, workshop, sent_groups),
        **forms,
    )


def _scribe_form(workshop: Workshop, **kwargs: Any) -> ScribeForm:
    form = ScribeForm(**kwargs)
    groups = groups_of(db.session, workshop.id)
    form.group.choices = [("", _("The whole workshop")), *((str(g.id), g.name) for g in groups)]
    return form


def _save_side_form(
    workshop: Workshop,
    form: FlaskForm,
    save: Callable[[], object],
    anchor: str,
    name: str,
    sent_groups: MultiDict[str, str] | None = None,
) -> Response | str:
    """One of the editor's smaller forms: save, or show what went wrong beside the field
    and keep everything typed."""
    if form.validate_on_submit():
        try:
            save()
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id) + anchor)
    return _editor(workshop, sent_groups, **{name: form})


@bp.post("/workshops/<int:workshop_id>/word-lists")
@login_required
def edit_word_lists(workshop_id: int) -> Response | str:
    """The word cloud's review lists (held and let-through words)."""
    workshop = own_workshop(workshop_id)
    form = WordListsForm()
    return _save_side_form(
        workshop,
        form,
        lambda: agenda.update_word_lists(
            db.session, workshop, form.held_words.data or "", form.allowed_words.data or ""
        ),
        "#lists-heading",
        "lists_form",
    )


@bp.post("/workshops/<int:workshop_id>/groups")
@login_required
def edit_groups(workshop_id: int) -> Response | str:
    """The workshop's table groups: renamed, reordered, removed and added, each by its id."""
    workshop = own_workshop(workshop_id)
    form = GroupsForm()
    return _save_side_form(
        workshop,
        form,
        lambda: save_groups(db.session, workshop, group_lines(request.form)),
        "#groups-heading",
        "groups_form",
        request.form,
    )


@bp.post("/workshops/<int:workshop_id>/note-categories")
@login_required
def edit_note_categories(workshop_id: int) -> Response | str:
    """The headings the facilitators' notes are written under."""
    workshop = own_workshop(workshop_id)
    form = NoteCategoriesForm()
    return _save_side_form(
        workshop,
        form,
        lambda: set_note_categories(db.session, workshop, form.note_categories.data or ""),
        "#notes-heading",
        "notes_form",
    )


@bp.post("/workshops/<int:workshop_id>/scribes")
@login_required
def add_scribe(workshop_id: int) -> Response | str:
    """A new scribe link (and QR code): notes, input for a group, the board; nothing else."""
    workshop = own_workshop(workshop_id)
    form = _scribe_form(workshop)
    return _save_side_form(
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
    return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id, _anchor="scribes-heading"))


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
    return _save_side_form(
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
        return redirect(url_for("facilitator.workshops"))
    return redirect(
        url_for("facilitator.edit_workshop", workshop_id=workshop.id, _anchor="facilitators-heading")
    )


@bp.post("/workshops/<int:workshop_id>/facilitators/<int:facilitator_id>/owner")
@login_required
def hand_over_workshop(workshop_id: int, facilitator_id: int) -> Response:
    """The owner makes a co-facilitator the owner, and runs the workshop on as a co-facilitator."""
    workshop = own_workshop(workshop_id)
    _facilitators_change(lambda: hand_over(db.session, workshop, current_user.id, facilitator_id))
    return redirect(
        url_for("facilitator.edit_workshop", workshop_id=workshop.id, _anchor="facilitators-heading")
    )


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


@bp.post("/workshops/<int:workshop_id>/retention")
@login_required
def edit_retention(workshop_id: int) -> Response | str:
    """How long participants' names and consents are kept."""
    workshop = own_workshop(workshop_id)
    form = RetentionForm()
    return _save_side_form(
        workshop,
        form,
        lambda: set_retention(db.session, workshop, form.retention_days.data),
        "#privacy-heading",
        "retention_form",
    )


@bp.post("/workshops/<int:workshop_id>/delete")
@login_required
def delete_workshop_route(workshop_id: int) -> Response:
    """The workshop and everything sent to it, for good: its owner's decision."""
    workshop = own_workshop(workshop_id)
    if not workshop.is_owned_by(current_user.id):
        flash(message_for("owner_only_delete"), "error")
        return redirect(
            url_for("facilitator.edit_workshop", workshop_id=workshop.id, _anchor="privacy-heading")
        )
    title, gone = workshop.title, workshop.id
    delete_workshop(db.session, workshop)
    end_access("workshop_deleted", workshop_id=gone)
    flash(_("“%(title)s” and everything in it is deleted.", title=title), "success")
    return redirect(url_for("facilitator.workshops"))


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
    back = _safe_next(request.form.get("next"))
    return redirect(back or url_for("facilitator.edit_workshop", workshop_id=workshop.id))


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


@bp.post("/workshops/<int:workshop_id>/steps")
@login_required
def add_step(workshop_id: int) -> Response:
    workshop = own_workshop(workshop_id)
    form = NewStepForm()
    if form.validate_on_submit():
        kind = kinds()[form.kind.data]
        broadcast(agenda.add_step(db.session, workshop, kind.name, str(kind.default_title)))
        return redirect(
            url_for("facilitator.edit_step", workshop_id=workshop.id, step_id=workshop.steps[-1].id)
        )
    return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/steps/<int:step_id>", methods=["GET", "POST"])
@login_required
def edit_step(workshop_id: int, step_id: int) -> Response | str:
    step = own_step(workshop_id, step_id)
    form = step_form(step.kind)(data=_step_form_data(step) if request.method == "GET" else None)
    earlier = [s for s in step.workshop.steps if s.position < step.position and kind_of(s).builds_on_themes]
    form.based_on_step_id.choices = [("", _("No earlier step"))] + [(str(s.id), s.title) for s in earlier]
    if form.validate_on_submit():
        based_on = int(form.based_on_step_id.data) if form.based_on_step_id.data else None
        title, prompt = form.title.data or "", form.prompt.data or ""
        try:
            event = agenda.update_step(db.session, step, title, prompt, _settings(form, step.kind), based_on)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            broadcast(event)
            flash(_("Step saved."), "success")
            return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop_id))
    return render_template(
        "facilitator/edit_step.html",
        step=step,
        form=form,
        fields=editor_settings(step.kind),
        builds_on_themes=kind_of(step).builds_on_themes,
    )


def _step_form_data(step: Step) -> dict[str, Any]:
    data: dict[str, Any] = {"title": step.title, "prompt": step.prompt}
    for name in editor_settings(step.kind):
        value = step_setting(step, name)
        data[name] = "\n".join(value) if isinstance(value, list) else value
    data["based_on_step_id"] = str(step.based_on_step_id or "")
    return data


def _settings(form: FlaskForm, kind: str) -> dict[str, Any]:
    return {name: getattr(form, name).data for name in editor_settings(kind)}


@bp.post("/workshops/<int:workshop_id>/steps/<int:step_id>/delete")
@login_required
def delete_step(workshop_id: int, step_id: int) -> Response:
    broadcast(agenda.delete_step(db.session, own_step(workshop_id, step_id)))
    flash(_("Step deleted."), "success")
    return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop_id))


@bp.post("/workshops/<int:workshop_id>/steps/<int:step_id>/move")
@login_required
def move_step(workshop_id: int, step_id: int) -> Response:
    offset = -1 if request.form.get("direction") == "up" else 1
    try:
        broadcast(agenda.move_step(db.session, own_step(workshop_id, step_id), offset))
    except DomainError as error:  # the agenda stays as it was, and says why
        db.session.rollback()
        flash(message_for(error.code, **error.params), "error")
    return redirect(url_for("facilitator.edit_workshop", workshop_id=workshop_id, _anchor=f"step-{step_id}"))


@bp.get("/workshops/<int:workshop_id>/live")
@login_required
def dashboard(workshop_id: int) -> str:
    """The live dashboard: open and close steps, watch input arrive."""
    return render_template("facilitator/dashboard.html", workshop=own_workshop(workshop_id))


@bp.get("/workshops/<int:workshop_id>/export/words.json")
@login_required
def export_words(workshop_id: int) -> Response:
    """Every Words step: counted words with their entries, held and hidden words, decisions."""
    workshop = own_workshop(workshop_id)
    response = jsonify(words_export(db.session, workshop))
    response.headers["Content-Disposition"] = f'attachment; filename="rundabord-{workshop.id}-ord.json"'
    return response


def download(data: bytes, name: str, extension: str, mimetype: str) -> Response:
    """A file to save (never cached), its name safe for every system."""
    response = Response(data, mimetype=mimetype)
    safe = secure_filename(name)[:80] or "rundabord"
    response.headers["Content-Disposition"] = f'attachment; filename="{safe}.{extension}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@projector_bp.get("/projector/<token>")
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


@projector_bp.get("/projector/<token>/cloud/<int:step_id>.svg")
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
