"""Forms on the phone."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField
from wtforms.validators import DataRequired, Length

from models.participants import MAX_NAME_LENGTH, MAX_ORGANISATION_LENGTH, MAX_ROLE_LENGTH


class CodeForm(FlaskForm):
    """Typing the code shown on the screen (for those who cannot scan)."""

    class Meta:
        csrf = False  # a GET form that only looks a code up

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])


class JoinForm(FlaskForm):
    """Joining: anonymous by default; name, role and organisation only with consent."""

    display_name = StringField(_l("Your name (optional)"), validators=[Length(max=MAX_NAME_LENGTH)])
    role_title = StringField(_l("Your role (optional)"), validators=[Length(max=MAX_ROLE_LENGTH)])
    organisation = StringField(
        _l("Your organisation (optional)"), validators=[Length(max=MAX_ORGANISATION_LENGTH)]
    )
    consent = BooleanField(_l("Yes, show my name, role and organisation on the participant list"))
    # Choices are the workshop's table groups; the field is left out when it has none.
    group = SelectField(_l("Your table group"), coerce=str, validate_choice=True)
    # Choices are the workshop's stakeholder types; left out when it has none.
    stakeholder_type = SelectField(
        _l("You are here for (optional)"), coerce=str, validate_choice=True, default=""
    )
