"""The workshop editor: the workshop's facts, its agenda and each step's form (the fields
come from the step's kind), and the smaller forms on the same page (word lists, table
groups, note headings, how long names are kept)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from flask import (
    Blueprint,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import login_required
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from werkzeug.wrappers import Response

from facilitator.access import own_step, own_workshop, show_error
from facilitator.forms import (
    FacilitatorForm,
    GroupsForm,
    LevelsForm,
    NewStepForm,
    NoteCategoriesForm,
    ResultsForm,
    RetentionForm,
    ScribeForm,
    StakeholderTypesForm,
    WordListsForm,
    WorkshopForm,
    step_form,
)
from facilitator.groups_editor import group_lines, group_rows
from models import agenda
from models.clock import utcnow
from models.errors import DomainError
from models.groups import groups_of, save_groups
from models.levels import levels_of
from models.notes import note_categories, set_note_categories
from models.privacy import set_retention
from models.results import PARTS, publish_results, results_open, results_parts
from models.scribes import scribes_of
from models.stakeholders import stakeholder_types_of
from models.workshops import Step, Workshop
from steps.registry import kind_of, kinds
from steps.settings import editor_settings, step_setting
from webapp.broadcast import broadcast
from webapp.errors import message_for
from webapp.extensions import db

bp = Blueprint("editor", __name__, url_prefix="/f")


@bp.route("/workshops/<int:workshop_id>", methods=["GET", "POST"])
@login_required
def edit_workshop(workshop_id: int) -> Response | str:
    """The editor: the workshop's facts and its agenda."""
    workshop = own_workshop(workshop_id)
    form = WorkshopForm(obj=workshop)
    if form.validate_on_submit():
        try:
            broadcast(agenda.update_workshop(db.session, workshop, **form.facts()))
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id))
    return editor_page(workshop, form=form)


def editor_page(
    workshop: Workshop, sent_groups: MultiDict[str, str] | None = None, **forms: FlaskForm
) -> str:
    """The editor page; `sent_groups`, the group rows as typed when their save was refused."""
    forms.setdefault("form", WorkshopForm(obj=workshop, formdata=None))
    forms.setdefault("lists_form", WordListsForm(obj=workshop, formdata=None))
    forms.setdefault("groups_form", GroupsForm(formdata=None))
    categories = "\n".join(note_categories(workshop))
    forms.setdefault("notes_form", NoteCategoriesForm(data={"note_categories": categories}, formdata=None))
    levels = "\n".join(levels_of(workshop))
    forms.setdefault("levels_form", LevelsForm(data={"levels": levels}, formdata=None))
    types = "\n".join(stakeholder_types_of(workshop))
    forms.setdefault(
        "stakeholders_form", StakeholderTypesForm(data={"stakeholder_types": types}, formdata=None)
    )
    forms.setdefault("scribe_form", scribe_form(workshop, formdata=None))
    forms.setdefault("facilitator_form", FacilitatorForm(formdata=None))
    forms.setdefault("retention_form", RetentionForm(obj=workshop, formdata=None))
    results = {
        "publish": results_open(workshop),
        "results_until": workshop.results_until or utcnow().date() + dt.timedelta(days=30),
        "parts": results_parts(workshop) or list(PARTS),
        "summary": workshop.results_summary,
    }
    forms.setdefault("results_form", ResultsForm(data=results, formdata=None))
    return render_template(
        "facilitator/edit_workshop.html",
        workshop=workshop,
        new_step_form=NewStepForm(),
        scribes=scribes_of(db.session, workshop.id),
        group_names={g.id: g.name for g in groups_of(db.session, workshop.id)},
        group_rows=group_rows(db.session, workshop, sent_groups),
        **forms,
    )


def scribe_form(workshop: Workshop, **kwargs: Any) -> ScribeForm:
    form = ScribeForm(**kwargs)
    groups = groups_of(db.session, workshop.id)
    form.group.choices = [("", _("The whole workshop")), *((str(g.id), g.name) for g in groups)]
    return form


def save_side_form(
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
            return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id) + anchor)
    return editor_page(workshop, sent_groups, **{name: form})


@bp.post("/workshops/<int:workshop_id>/word-lists")
@login_required
def edit_word_lists(workshop_id: int) -> Response | str:
    """The word cloud's review lists (held and let-through words)."""
    workshop = own_workshop(workshop_id)
    form = WordListsForm()
    return save_side_form(
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

    def save() -> None:  # and the open dashboards and scribes' screens get the new list
        groups = save_groups(db.session, workshop, group_lines(request.form))
        broadcast(agenda.groups_changed(db.session, workshop, groups))

    return save_side_form(
        workshop,
        form,
        save,
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
    return save_side_form(
        workshop,
        form,
        lambda: set_note_categories(db.session, workshop, form.note_categories.data or ""),
        "#notes-heading",
        "notes_form",
    )


@bp.post("/workshops/<int:workshop_id>/levels")
@login_required
def edit_levels(workshop_id: int) -> Response | str:
    """The levels a card can be about; phones and dashboards get the new list at once."""
    workshop = own_workshop(workshop_id)
    form = LevelsForm()
    return save_side_form(
        workshop,
        form,
        lambda: broadcast(agenda.update_levels(db.session, workshop, form.levels.data or "")),
        "#levels-heading",
        "levels_form",
    )


@bp.post("/workshops/<int:workshop_id>/stakeholder-types")
@login_required
def edit_stakeholder_types(workshop_id: int) -> Response | str:
    """The stakeholder types a participant may choose when joining (none: not asked)."""
    workshop = own_workshop(workshop_id)
    form = StakeholderTypesForm()
    return save_side_form(
        workshop,
        form,
        lambda: broadcast(
            agenda.update_stakeholder_types(db.session, workshop, form.stakeholder_types.data or "")
        ),
        "#stakeholders-heading",
        "stakeholders_form",
    )


@bp.post("/workshops/<int:workshop_id>/results")
@login_required
def edit_results(workshop_id: int) -> Response | str:
    """The results page for participants: published until a date (or taken down), its parts
    and the facilitator's summary."""
    workshop = own_workshop(workshop_id)
    form = ResultsForm()
    return save_side_form(
        workshop,
        form,
        lambda: publish_results(
            db.session,
            workshop,
            form.results_until.data if form.publish.data else None,
            list(form.parts.data or []),
            form.summary.data or "",
        ),
        "#results-heading",
        "results_form",
    )


@bp.post("/workshops/<int:workshop_id>/retention")
@login_required
def edit_retention(workshop_id: int) -> Response | str:
    """How long participants' names and consents are kept."""
    workshop = own_workshop(workshop_id)
    form = RetentionForm()
    return save_side_form(
        workshop,
        form,
        lambda: set_retention(db.session, workshop, form.retention_days.data),
        "#privacy-heading",
        "retention_form",
    )


@bp.post("/workshops/<int:workshop_id>/steps")
@login_required
def add_step(workshop_id: int) -> Response:
    workshop = own_workshop(workshop_id)
    form = NewStepForm()
    if form.validate_on_submit():
        kind = kinds()[form.kind.data]
        broadcast(agenda.add_step(db.session, workshop, kind.name, str(kind.default_title)))
        return redirect(url_for("editor.edit_step", workshop_id=workshop.id, step_id=workshop.steps[-1].id))
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop.id))


@bp.route("/workshops/<int:workshop_id>/steps/<int:step_id>", methods=["GET", "POST"])
@login_required
def edit_step(workshop_id: int, step_id: int) -> Response | str:
    step = own_step(workshop_id, step_id)
    form = step_form(step.kind)(data=_step_form_data(step) if request.method == "GET" else None)
    kind = kind_of(step)
    earlier = [
        s
        for s in step.workshop.steps
        if s.position < step.position
        and ((kind.builds_on_themes and kind_of(s).builds_on_themes) or s.kind in kind.takes_items_from)
    ]
    form.based_on_step_id.choices = [("", _("No earlier step"))] + [(str(s.id), s.title) for s in earlier]
    if kind.takes_items_from:  # a prioritisation: of a step's themes, tracks or questions
        form.based_on_step_id.label.text = _("Take the options from")
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
            return redirect(url_for("editor.edit_workshop", workshop_id=workshop_id))
    return render_template(
        "facilitator/edit_step.html",
        step=step,
        form=form,
        fields=editor_settings(step.kind),
        builds_on_themes=kind.builds_on_themes,
        takes_items=bool(kind.takes_items_from),
        links=kind_of(step).editor_links(step),
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
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop_id))


@bp.post("/workshops/<int:workshop_id>/steps/<int:step_id>/move")
@login_required
def move_step(workshop_id: int, step_id: int) -> Response:
    offset = -1 if request.form.get("direction") == "up" else 1
    try:
        broadcast(agenda.move_step(db.session, own_step(workshop_id, step_id), offset))
    except DomainError as error:  # the agenda stays as it was, and says why
        db.session.rollback()
        flash(message_for(error.code, **error.params), "error")
    return redirect(url_for("editor.edit_workshop", workshop_id=workshop_id, _anchor=f"step-{step_id}"))
