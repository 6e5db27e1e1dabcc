"""The exports of a workshop: the summary deck with the organizer's choices, the printable
report and its PDF, the raw data and the archive.

Every export can be taken while the workshop runs. The export page starts it as a job
(`webapp.export_jobs`) and shows its stage until the download link is ready; without
JavaScript the same forms and links download the file directly. Either way the work
is done off the event loop, so the phones in the room are not kept waiting.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from content.archive import own_files
from export.deck import SECTIONS, Options, write_deck
from export.report import Report
from export.report_html import STYLESHEET, PdfUnavailable, render_html
from facilitator.access import download, own_workshop
from facilitator.forms import DeckForm
from facilitator.strings import report_labels
from models.workshops import Workshop
from readers.export_files import write_export
from readers.workshop_report import workshop_report
from steps.words.export import words_export
from webapp.export_jobs import Job, Work, current_export_jobs, new_job_id
from webapp.extensions import db
from webapp.offload import off_the_loop

bp = Blueprint("exports", __name__, url_prefix="/f")

PPTX_TYPE = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# kind -> file extension, content type
KINDS = {
    "pptx": ("pptx", PPTX_TYPE),
    "pdf": ("pdf", "application/pdf"),
    "xlsx": ("xlsx", XLSX_TYPE),
    "csv": ("csv", "text/csv"),  # the response adds "; charset=utf-8"
    "json": ("json", "application/json"),
    "zip": ("zip", "application/zip"),
    "compilation": ("pptx", PPTX_TYPE),
    "compilation-pdf": ("pdf", "application/pdf"),
}
# What a bad template raises inside python-pptx.
NOT_A_DECK = (KeyError, ValueError, OSError, zipfile.BadZipFile)


@dataclass(frozen=True)
class Request:
    """One export as asked for: which file, and for a deck the organizer's choices."""

    kind: str
    options: Options


def _work(workshop_id: int, wanted: Request) -> Work:
    """The export's work, to run in a thread of its own (labels and language are taken
    from the request now, while it is there)."""
    labels, lang = report_labels(), str(get_locale() or "sv")
    return lambda session, stage: write_export(
        session, workshop_id, wanted.kind, wanted.options, labels, lang, stage
    )


def _file(workshop: Workshop, wanted: Request) -> Response:
    """The export, written now (the page without JavaScript, and scripts)."""
    workshop_id, name = workshop.id, _file_name(workshop, wanted.kind)
    work = _work(workshop_id, wanted)
    db.session.remove()  # the pool may hold one connection (SQLite): the export needs it
    extension, mimetype = KINDS[wanted.kind]
    return download(
        off_the_loop(lambda session: work(session, lambda _stage: None)), name, extension, mimetype
    )


def _file_name(workshop: Workshop, kind: str = "") -> str:
    part = "-sammanstallning" if kind.startswith("compilation") else ""
    return f"rundabord-{workshop.id}{part}-{workshop.title}"


def _deck_request(form: DeckForm) -> Request | None:
    """The deck as the form asks for it, or None with the reason shown beside its field."""
    if not form.sections.data:
        form.sections.errors = [*form.sections.errors, _("Choose at least one part of the deck.")]
        return None
    upload = form.template.data
    template = upload.read() if upload else None
    if template is not None:
        try:
            write_deck(Report("–"), Options(sections={"title"}, template=template))
        except NOT_A_DECK:
            form.template.errors = [
                *form.template.errors,
                _("That file is not a PowerPoint presentation (.pptx)."),
            ]
            return None
    return Request("pptx", Options(set(form.sections.data), bool(form.draft.data), template))


@bp.route("/workshops/<int:workshop_id>/export", methods=["GET", "POST"])
@login_required
def export(workshop_id: int) -> Response | str:
    """The export page; its form downloads the deck (the page's script starts a job instead)."""
    workshop = own_workshop(workshop_id)
    form = DeckForm(data={"sections": list(SECTIONS), "draft": True} if request.method == "GET" else None)
    if form.validate_on_submit():
        wanted = _deck_request(form)
        if wanted is not None:
            return _file(workshop, wanted)
    films = bool(own_files(workshop))
    return render_template("facilitator/export.html", workshop=workshop, form=form, films=films)


@bp.post("/workshops/<int:workshop_id>/export/jobs")
@login_required
def start_export(workshop_id: int) -> tuple[Response, int]:
    """{kind, and for a deck the form's fields} → 202 {id, status}: the export runs in the
    background; 400 {errors: {field: [message]}} when the form is not right."""
    workshop = own_workshop(workshop_id)
    kind = request.form.get("kind", "")
    form = DeckForm()
    if kind not in KINDS or not form.validate_on_submit():
        return jsonify(ok=False, errors=form.errors or {"kind": [_("Choose what to export.")]}), 400
    wanted = _deck_request(form) if kind == "pptx" else Request(kind, Options())
    if wanted is None:
        return jsonify(ok=False, errors=form.errors), 400
    extension, mimetype = KINDS[kind]
    job = Job(new_job_id(), workshop.id, current_user.id, _file_name(workshop, kind), extension, mimetype)
    work = _work(workshop.id, wanted)
    db.session.remove()  # the pool's one connection (SQLite) is for phones meanwhile
    current_export_jobs().start(job, work)
    status = url_for("exports.export_job", workshop_id=workshop.id, job_id=job.id)
    return jsonify(ok=True, id=job.id, status=status), 202


def _job(workshop_id: int, job_id: str) -> Job:
    workshop = own_workshop(workshop_id)
    job = current_export_jobs().find(job_id, workshop.id, current_user.id)
    if job is None:
        abort(404)
    return job


@bp.get("/workshops/<int:workshop_id>/export/jobs/<job_id>")
@login_required
def export_job(workshop_id: int, job_id: str) -> Response:
    """{stage: queued|reading|writing|done|failed, file?}: how far the export has come."""
    job = _job(workshop_id, job_id)
    data: dict[str, object] = {"stage": job.stage}
    if job.stage == "done":
        data["file"] = url_for("exports.export_job_file", workshop_id=workshop_id, job_id=job.id)
    return jsonify(data)


@bp.get("/workshops/<int:workshop_id>/export/jobs/<job_id>/file")
@login_required
def export_job_file(workshop_id: int, job_id: str) -> Response:
    job = _job(workshop_id, job_id)
    if job.stage != "done" or job.path is None or not job.path.exists():
        abort(404)
    return download(job.path.read_bytes(), job.name, job.extension, job.mimetype)


@bp.get("/workshops/<int:workshop_id>/report")
@login_required
def printable_report(workshop_id: int) -> str:
    """The deck's content as one page to read, print or save as PDF from the browser (A4)."""
    workshop_id = own_workshop(workshop_id).id
    labels, lang, stylesheet = (
        report_labels(),
        str(get_locale() or "sv"),
        url_for("exports.report_stylesheet"),
    )
    db.session.remove()  # the pool's one connection (SQLite) is for phones while this waits
    return off_the_loop(
        lambda session: render_html(workshop_report(session, workshop_id, labels), stylesheet, lang=lang)
    )


@bp.get("/report.css")
def report_stylesheet() -> Response:
    return send_file(STYLESHEET, mimetype="text/css", max_age=3600)


@bp.get("/workshops/<int:workshop_id>/export/report.pdf")
@login_required
def export_pdf(workshop_id: int) -> Response:
    workshop = own_workshop(workshop_id)
    try:
        return _file(workshop, Request("pdf", Options()))
    except PdfUnavailable:
        flash(_("PDF needs the Pango library on the server. Print the report page instead."), "error")
        return redirect(url_for("exports.export", workshop_id=workshop_id))


@bp.get("/workshops/<int:workshop_id>/export/archive.<any(json, zip):extension>")
@login_required
def export_archive_file(workshop_id: int, extension: str) -> Response:
    """Everything the workshop holds, to keep or to import again as a new workshop; as a
    .zip with its steps' files (films), to import on another server."""
    return _file(own_workshop(workshop_id), Request(extension, Options()))


@bp.get("/workshops/<int:workshop_id>/export/data.<any(csv, xlsx):kind>")
@login_required
def export_data(workshop_id: int, kind: str) -> Response:
    """Every input, one row each, with its flags (names only of those listed)."""
    return _file(own_workshop(workshop_id), Request(kind, Options()))


@bp.get("/workshops/<int:workshop_id>/export/compilation.<any(pptx, pdf):extension>")
@login_required
def export_compilation(workshop_id: int, extension: str) -> Response:
    """The thematic compilation: per theme and level, the cards quoted."""
    kind = "compilation" if extension == "pptx" else "compilation-pdf"
    return _file(own_workshop(workshop_id), Request(kind, Options()))


@bp.get("/workshops/<int:workshop_id>/export/words.json")
@login_required
def export_words(workshop_id: int) -> Response:
    """Every Words step: counted words with their entries, held and hidden words, decisions."""
    workshop = own_workshop(workshop_id)
    response = jsonify(words_export(db.session, workshop))
    response.headers["Content-Disposition"] = f'attachment; filename="rundabord-{workshop.id}-ord.json"'
    return response
