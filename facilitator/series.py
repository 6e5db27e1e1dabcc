"""Series of workshops: the organizer groups their workshops, corrects how the meetings'
themes are matched, and downloads the synthesis deck."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy import select
from werkzeug.wrappers import Response

from export.compilation import compile_series, write_compilation
from export.deck import Options, write_series_deck
from export.report import SeriesReport
from export.report_html import PdfUnavailable, write_compilation_pdf, write_series_pdf
from export.tables import write_series_xlsx
from facilitator.access import download, show_error
from facilitator.exports import PPTX_TYPE, XLSX_TYPE
from facilitator.forms import SeriesForm
from facilitator.strings import report_labels
from models.accounts import Facilitator
from models.errors import DomainError
from models.series import (
    Series,
    create_series,
    own_series,
    rename_series,
    series_of,
    set_theme_groups,
    set_workshops,
    themes_in_series,
)
from models.session import DbSession
from models.workshops import Workshop
from readers.series_report import series_report
from webapp.extensions import db
from webapp.offload import off_the_loop

bp = Blueprint("series", __name__, url_prefix="/f")


def _form(**kwargs: object) -> SeriesForm:
    form = SeriesForm(**kwargs)
    own = db.session.scalars(
        select(Workshop)
        .where(Workshop.facilitators.any(Facilitator.id == current_user.id))
        .order_by(Workshop.date.is_(None), Workshop.date, Workshop.created_at)
    ).all()
    form.workshops.choices = [
        (w.id, " · ".join(filter(None, [w.title, w.place, str(w.date or "")]))) for w in own
    ]
    return form


def _series(series_id: int) -> Series:
    try:
        return own_series(db.session, current_user.id, series_id)
    except DomainError:
        abort(404)


@bp.route("/series", methods=["GET", "POST"])
@login_required
def series_list() -> Response | str:
    """The organizer's series, and a new one."""
    form = _form()
    if form.validate_on_submit():
        try:
            series = create_series(
                db.session, current_user.id, form.title.data or "", form.workshops.data or []
            )
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            return redirect(url_for("series.series_page", series_id=series.id))
    return render_template(
        "facilitator/series_list.html", series=series_of(db.session, current_user.id), form=form
    )


@bp.route("/series/<int:series_id>", methods=["GET", "POST"])
@login_required
def series_page(series_id: int) -> Response | str:
    """A series: its title and meetings, the matching of their themes, the synthesis deck."""
    series = _series(series_id)
    form = _form(
        data={"title": series.title, "workshops": [w.id for w in series.workshops]}
        if request.method == "GET"
        else None
    )
    if form.validate_on_submit():
        try:
            rename_series(db.session, series, form.title.data or "")
            set_workshops(db.session, series, form.workshops.data or [])
        except DomainError as error:
            db.session.rollback()
            show_error(form, error)
        else:
            flash(_("Saved."), "success")
            return redirect(url_for("series.series_page", series_id=series.id))
    return _page(series, form)


def _page(series: Series, form: SeriesForm) -> str:
    themes = themes_in_series(db.session, series)
    names = {w.id: w.place or w.title for w in series.workshops}
    groups = sorted({t.group for t in themes})
    return render_template(
        "facilitator/series.html",
        series=series,
        form=form,
        themes=themes,
        meetings=names,
        groups=groups,
        csrf_form=FlaskForm(),
    )


@bp.post("/series/<int:series_id>/themes")
@login_required
def series_themes(series_id: int) -> Response | str:
    """The organizer's matching: each theme's synthesis group (empty: the suggestion)."""
    series = _series(series_id)
    if not FlaskForm().validate_on_submit():
        abort(400)
    chosen = {}
    for name, value in request.form.items():
        if name.startswith("group-") and name.removeprefix("group-").isdigit():
            chosen[int(name.removeprefix("group-"))] = value
    try:
        set_theme_groups(db.session, series, chosen)
    except DomainError:
        db.session.rollback()
        flash(_("A group name is at most 120 characters."), "error")
        return _page(
            series, _form(data={"title": series.title, "workshops": [w.id for w in series.workshops]})
        )
    flash(_("Saved."), "success")
    return redirect(url_for("series.series_page", series_id=series.id, _anchor="themes-heading"))


@bp.get("/series/<int:series_id>/deck.pptx")
@login_required
def series_deck(series_id: int) -> Response:
    """The synthesis, then each meeting's deck."""
    return _series_file(
        series_id, "", "pptx", lambda report, lang: write_series_deck(report, Options(lang=lang))
    )


@bp.get("/series/<int:series_id>/compilation.<any(pptx, pdf):extension>")
@login_required
def series_compilation(series_id: int, extension: str) -> Response:
    """The thematic compilation of every meeting: per theme (as matched) and level, the
    cards quoted with their meeting."""

    def write(report: SeriesReport, lang: str) -> bytes:
        if extension == "pdf":
            return write_compilation_pdf(compile_series(report), lang)
        return write_compilation(compile_series(report), Options(lang=lang))

    return _series_file(series_id, "-sammanstallning", extension, write)


@bp.get("/series/<int:series_id>/synthesis.<any(pdf, xlsx):extension>")
@login_required
def series_synthesis(series_id: int, extension: str) -> Response:
    """The synthesis and every meeting's report as one PDF; or every card of every meeting,
    with its matched theme, level and stakeholder type, as a spreadsheet."""

    def write(report: SeriesReport, lang: str) -> bytes:
        return write_series_pdf(report, lang) if extension == "pdf" else write_series_xlsx(report)

    try:
        return _series_file(series_id, "", extension, write)
    except PdfUnavailable:
        flash(_("PDF needs the Pango library on the server. Print the report page instead."), "error")
        return redirect(url_for("series.series_page", series_id=series_id))


def _series_file(
    series_id: int, part: str, extension: str, write: Callable[[SeriesReport, str], bytes]
) -> Response:
    """A file written from the series' report (read in one snapshot, the connection given
    back before the slow writing), off the event loop."""
    series = _series(series_id)
    series_id, labels, title = series.id, report_labels(), series.title
    lang = str(get_locale() or "sv")
    db.session.remove()  # the pool's one connection (SQLite) is for phones while this waits

    def written(session: DbSession) -> bytes:
        found = session.get(Series, series_id)
        assert found is not None
        report = series_report(session, found, labels)
        session.close()
        return write(report, lang)

    mimetype = {"pptx": PPTX_TYPE, "xlsx": XLSX_TYPE}.get(extension, "application/pdf")
    return download(off_the_loop(written), f"rundabord-serie-{series_id}{part}-{title}", extension, mimetype)
