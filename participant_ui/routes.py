"""Pages for phones: the start page, joining by code, the phone view, the QR code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable
from typing import NamedTuple

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_from_directory,
    session,
    url_for,
)
from flask_babel import format_date, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from export.report import Report
from export.report_html import data_uri
from facilitator.strings import report_labels
from models.contributions import contributions, delete_contribution, delete_everything, forget_identity
from models.errors import ConsentRequired, DomainError
from models.groups import find_group, group_names
from models.participants import Participant, find_participant, join_workshop, workshop_for_code
from models.results import results_open, results_parts
from models.stakeholders import stakeholder_types_of
from models.workshops import Workshop, clean_join_code, find_by_join_code
from participant_ui.forms import CodeForm, JoinForm
from readers.workshop_report import workshop_report
from webapp.broadcast import broadcast, tell_participant
from webapp.errors import message_for
from webapp.extensions import db, limiter
from webapp.extensions_setup import remember_language
from webapp.netinfo import public_base_url
from webapp.offload import off_the_loop
from webapp.qr import qr_response
from webapp.shared_pages import render_shared

RESULTS_CACHED = 8  # workshops whose results page is kept read
bp = Blueprint(
    "participant",
    __name__,
    template_folder="templates",
    static_folder="static",
    static_url_path="/static/phone",
)


def _failed_lookup(response: BaseResponse) -> bool:
    """Only wrong codes count against the join limit: a whole room shares one address."""
    return response.status_code == 404


join_limit = limiter.shared_limit(
    lambda: str(current_app.config["JOIN_RATE_LIMIT"]), scope="join", deduct_when=_failed_lookup
)


@bp.get("/")
def index() -> str:
    return render_template("participant/index.html", form=CodeForm(request.args))


@bp.get("/join")
@join_limit
def join_by_code() -> BaseResponse | tuple[str, int]:
    """The start page's form: a typed code leads to the workshop's join page."""
    form = CodeForm(request.args)
    if form.validate():
        code = clean_join_code(form.code.data or "")
        if find_by_join_code(db.session, code) is not None:
            return redirect(url_for("participant.workshop", code=code))
    return render_template("participant/index.html", form=form, error=message_for("unknown_code")), 404


def participant_token(workshop: Workshop) -> str | None:
    return (session.get("participants") or {}).get(str(workshop.id))


@bp.route("/j/<code>", methods=["GET", "POST"])
@join_limit
def workshop(code: str) -> BaseResponse | str | tuple[str, int]:
    """The QR code's address: the join form, then the phone view of the open step."""
    try:
        found = workshop_for_code(db.session, code)
    except DomainError as error:
        joined = _joined_after_the_end(code) if error.code == "workshop_ended" else None
        if joined is not None:  # the thank-you, and the way to what they sent
            return render_template("participant/phone.html", workshop=joined[0], participant=joined[1])
        ended = find_by_join_code(db.session, code) if error.code == "workshop_ended" else None
        if ended is not None and results_open(ended):  # the QR code leads to the results
            return redirect(url_for("participant.results", code=ended.join_code))
        status = 404 if error.code == "unknown_code" else 410
        form = CodeForm(data={"code": code})
        return render_template("participant/index.html", form=form, error=message_for(error.code)), status
    if clean_join_code(code) != code:
        return redirect(url_for("participant.workshop", code=found.join_code))
    participant = find_participant(db.session, found.id, participant_token(found))
    if participant is not None:
        shown = (found.id, found.title, found.ended_at is not None, results_open(found))
        return render_shared(
            shown, "participant/phone.html", lambda: {"workshop": found, "participant": participant}
        )
    choices = _join_choices(found)
    has_groups = bool(choices.groups)
    if request.method == "GET":  # the form as every phone at this address first sees it
        return render_shared(
            _join_form_shows(found, choices),
            "participant/join.html",
            lambda: {"workshop": found, "form": _join_form(choices), "has_groups": has_groups},
        )
    form = _join_form(choices)
    if form.validate_on_submit():
        try:
            participant = join_workshop(
                db.session,
                found,
                form.display_name.data or "",
                form.group.data,
                form.role_title.data or "",
                form.organisation.data or "",
                consent=bool(form.consent.data),
                stakeholder_type=form.stakeholder_type.data,
            )
        except ConsentRequired as error:  # the form keeps what was typed
            form.consent.errors = [message_for(error.code)]
            return render_template("participant/join.html", workshop=found, form=form, has_groups=has_groups)
        tokens = dict(session.get("participants") or {})
        tokens[str(found.id)] = participant.token
        session["participants"] = tokens
        session.permanent = True
        return redirect(url_for("participant.workshop", code=found.join_code))
    return render_template("participant/join.html", workshop=found, form=form, has_groups=has_groups)


@bp.get("/j/<code>/resultat")
def results(code: str) -> str | tuple[str, int]:
    """The results page the facilitator published: read-only, without JavaScript, the
    parts they chose; this phone's own cards and tracks marked as its own."""
    found = find_by_join_code(db.session, code)
    if found is None or not results_open(found):
        form = CodeForm(data={"code": code})
        return render_template(
            "participant/index.html", form=form, error=message_for("results_not_published")
        ), 404
    participant = find_participant(db.session, found.id, participant_token(found))
    report = _results_report(found)
    sent = contributions(db.session, participant) if participant is not None else []
    mine = {(item["kind"], item["id"]) for group in sent for item in group["items"]}
    return render_template(
        "participant/results.html",
        workshop=found,
        report=report,
        parts=results_parts(found),
        summary=[p for p in found.results_summary.split("\n\n") if p.strip()],
        clouds=[data_uri(step.cloud_png) for step in report.words],
        mine=mine,
    )


def _results_report(workshop: Workshop) -> Report:
    """The workshop's report for its results page, read (and its cloud drawn) once per
    change of the workshop and language, off the event loop: the QR code after the day
    may bring the whole room to it at once. Each visitor's own marks are added per page."""
    cache: dict[tuple[int, int, str], Report] = current_app.extensions.setdefault("rundabord.results", {})
    key = (workshop.id, workshop.seq, str(get_locale() or "sv"))
    report = cache.get(key)
    if report is None:
        workshop_id, labels = workshop.id, report_labels()
        db.session.remove()  # the pool may hold one connection (SQLite): the read needs it
        report = off_the_loop(lambda session: workshop_report(session, workshop_id, labels))
        for old in [k for k in cache if k[0] == workshop_id]:
            del cache[old]
        while len(cache) >= RESULTS_CACHED:
            del cache[next(iter(cache))]
        cache[key] = report
    return report


@bp.route("/j/<code>/mine", methods=["GET", "POST"])
def mine(code: str) -> BaseResponse | str:
    """ "Mina bidrag": everything this phone sent in the workshop, with a way to delete each
    item, the dots, the name on the participant list, or all of it."""
    found = find_by_join_code(db.session, code)  # after the end too: the right to erasure stays
    if found is None:
        abort(404)
    participant = find_participant(db.session, found.id, participant_token(found))
    if participant is None:
        return redirect(url_for("participant.workshop", code=found.join_code))
    if request.method == "POST":
        action = request.form.get("action")
        try:
            if action == "delete":
                kind, item_id = request.form.get("kind"), request.form.get("id", "")
                broadcast(
                    delete_contribution(
                        db.session, participant, kind, int(item_id) if item_id.isdigit() else None
                    )
                )
                flash(_("Deleted."), "success")
            elif action == "forget":
                forget_identity(db.session, participant)
                flash(_("Your name, role and organisation are removed."), "success")
            elif action == "everything":
                for event in delete_everything(db.session, participant):
                    broadcast(event)
                flash(_("Everything you sent is deleted."), "success")
            else:
                abort(400)
        except DomainError as error:
            db.session.rollback()
            flash(message_for(error.code, **error.params), "error")
        tell_participant(participant.id)  # an open phone page shows it at once
        return redirect(url_for("participant.mine", code=found.join_code))
    return render_template(
        "participant/mine.html",
        workshop=found,
        participant=participant,
        groups=contributions(db.session, participant),
    )


def _joined_after_the_end(code: str) -> tuple[Workshop, Participant] | None:
    """The ended workshop with this code and this browser's participant, if it took part."""
    workshop = find_by_join_code(db.session, code)
    participant = workshop and find_participant(db.session, workshop.id, participant_token(workshop))
    return (workshop, participant) if workshop and participant else None


class _JoinChoices(NamedTuple):
    """What the join form offers besides "no group" and "prefer not to say": the workshop's
    table groups and stakeholder types, and the group chosen in advance (a table's own QR
    code carries it in `?g=`)."""

    groups: tuple[tuple[str, str], ...]
    stakeholder_types: tuple[str, ...]
    preset: str


def _join_choices(workshop: Workshop) -> _JoinChoices:
    groups = tuple((str(id_), name) for id_, name in group_names(db.session, workshop.id))
    preset = request.args.get("g", "")
    return _JoinChoices(
        groups, tuple(stakeholder_types_of(workshop)), preset if preset in dict(groups) else ""
    )


def _join_form_shows(workshop: Workshop, choices: _JoinChoices) -> Hashable:
    """What the empty join form shows of its workshop (`render_shared`)."""
    heading = (workshop.title, workshop.place, workshop.date, results_open(workshop))
    return (workshop.id, heading, choices)


def _join_form(choices: _JoinChoices) -> JoinForm:
    """The join form, offering `choices` (built only for a page that is rendered)."""
    form = JoinForm(data={"group": choices.preset})
    form.group.choices = [("", _("No group")), *choices.groups]
    form.stakeholder_type.choices = [
        ("", _("Prefer not to say")),
        *((kind, kind) for kind in choices.stakeholder_types),
    ]
    return form


@bp.get("/integritet")
def privacy() -> str:
    """A short privacy notice, in the chosen language, linked from every phone page."""
    return render_template("participant/privacy.html")


@bp.get("/sw.js")
def service_worker() -> Response:
    """The phone's service worker, from the root so that it may serve /j/<code> offline."""
    response = send_from_directory(
        bp.static_folder or "static", "sw.js", mimetype="text/javascript", max_age=0
    )
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/tillganglighet")
def accessibility() -> str:
    """The accessibility statement (tillgänglighetsredogörelse) that public bodies publish."""
    config = current_app.config
    return render_template(
        "participant/accessibility.html",
        organizer=config["ORGANIZER_NAME"] or _("The organizer of your workshop"),
        contact=config["ACCESSIBILITY_CONTACT"] or _("the organizer of your workshop"),
        assessed=format_date(dt.date.fromisoformat(config["ACCESSIBILITY_ASSESSED"]), "long"),
    )


@bp.get("/qr/<code>.svg")
def qr_code(code: str) -> Response:
    """The QR code of a workshop's join address, as SVG; `?g=` adds a table group."""
    found = find_by_join_code(db.session, code)
    if found is None:
        abort(404)
    url = public_base_url(request.host_url) + f"j/{found.join_code}"
    group = find_group(db.session, found.id, request.args.get("g")) if request.args.get("g") else None
    if group is not None:
        url += f"?g={group.id}"
    return qr_response(url)


@bp.post("/lang/<lang>")
def set_language(lang: str) -> BaseResponse:
    """Choose the interface language; back to where the person was."""
    if lang in current_app.config["LANGUAGES"]:
        remember_language(lang)
    target = request.form.get("next") or url_for("participant.index")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("participant.index")
    return redirect(target)
