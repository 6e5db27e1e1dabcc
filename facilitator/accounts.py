"""The facilitator's account: logging in and out, and their own settings (the
interface language, kept with the account)."""

from __future__ import annotations

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.wrappers import Response

from facilitator.access import safe_next
from facilitator.forms import (
    LoginForm,
    SettingsForm,
)
from models.accounts import Facilitator, authenticate
from webapp.extensions import db, limiter
from webapp.extensions_setup import remember_language
from webapp.sockets import disconnect_user

bp = Blueprint("accounts", __name__, url_prefix="/f")


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
            return redirect(safe_next(request.args.get("next")) or url_for("workshops.workshops"))
        flash(_("Wrong e-mail or password."), "error")
    return render_template("facilitator/login.html", form=form)


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
        return redirect(url_for("accounts.settings"))
    return render_template("facilitator/settings.html", form=form)


@bp.post("/logout")
@login_required
def logout() -> Response:
    disconnect_user(current_user.id)
    logout_user()
    session.clear()
    return redirect(url_for("accounts.login"))
