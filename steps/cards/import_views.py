"""The facilitator's page for importing cards into a step (steps/cards/importing.py): paste
lines or choose a CSV or XLSX file, see what would be made, then confirm. Nothing is kept
between the two: the confirmation sends the same input again, and it is read and checked
anew before anything is made."""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from werkzeug.wrappers import Response
from wtforms import HiddenField, TextAreaField
from wtforms.validators import Length

from models.errors import DomainError
from steps.cards.importing import Plan, Table, apply_import, plan_import, read_file, read_pasted
from webapp.errors import message_for

PREVIEW_ROWS = 200


class CardImportForm(FlaskForm):
    """Pasted lines or a file; `kept` and `filename` carry the previewed input to the
    confirmation, `confirm` says it is one."""

    text = TextAreaField(
        _l("Paste cards, one per line"),
        description=_l("Or paste rows from a spreadsheet with their headings: the columns then count."),
        validators=[Length(max=500_000)],
        render_kw={"rows": 8},
    )
    file = FileField(
        _l("Or choose a file (.csv or .xlsx)"),
        description=_l("Its first row names the columns."),
        validators=[FileAllowed(["csv", "xlsx", "txt"], _l("Choose a .csv or .xlsx file."))],
    )
    kept = HiddenField()
    filename = HiddenField()
    confirm = HiddenField()


def add_import_routes(bp: Blueprint) -> None:
    bp.add_url_rule(
        "/f/workshops/<int:workshop_id>/steps/<int:step_id>/import-cards",
        "import_cards",
        login_required(import_cards),
        methods=["GET", "POST"],
    )


def import_cards(workshop_id: int, step_id: int) -> Response | str:
    from facilitator.access import own_step
    from webapp.broadcast import broadcast
    from webapp.extensions import db

    step = own_step(workshop_id, step_id)
    form = CardImportForm()
    plan: Plan | None = None
    problem = ""
    if form.validate_on_submit():
        try:
            table, form.kept.data, form.filename.data = _table(form)
            plan = plan_import(db.session, step, table)
            if form.confirm.data and not plan.problems:
                events = apply_import(db.session, step, plan)
                for event in events:
                    broadcast(event)
                flash(
                    _("%(count)d cards imported into “%(step)s”.", count=len(plan.rows), step=step.title),
                    "success",
                )
                return redirect(url_for("editor.edit_workshop", workshop_id=workshop_id))
        except DomainError as error:
            db.session.rollback()
            problem = message_for(error.code, **error.params)
            plan = None
    return render_template(
        "steps/cards/import.html",
        step=step,
        form=form,
        plan=plan,
        problem=problem,
        problems=[(p.line, message_for(p.code, **p.params)) for p in plan.problems] if plan else [],
        preview=plan.rows[:PREVIEW_ROWS] if plan else [],
    )


def _table(form: object) -> tuple[Table, str, str]:
    """The rows sent: a new file, the pasted text, or what the preview kept of either; and
    what the confirmation sends again (the input as base64, and the file's name, empty for
    pasted text)."""
    upload = form.file.data  # type: ignore[attr-defined]
    if upload and upload.filename:
        data, name = upload.read(), upload.filename
    elif form.text.data and form.text.data.strip():  # type: ignore[attr-defined]
        data, name = form.text.data.encode("utf-8"), ""  # type: ignore[attr-defined]
    else:
        try:
            data = base64.b64decode(form.kept.data or "", validate=True)  # type: ignore[attr-defined]
        except (binascii.Error, ValueError):
            data = b""
        name = form.filename.data or ""  # type: ignore[attr-defined]
    kept = base64.b64encode(data).decode("ascii")
    if name:
        return read_file(name, data), kept, name
    return read_pasted(data.decode("utf-8", errors="replace")), kept, ""
