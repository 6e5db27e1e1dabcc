"""Forms on the phone."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from models.participants import MAX_NAME_LENGTH


class CodeForm(FlaskForm):
    """Typing the code shown on the screen (for those who cannot scan)."""

    class Meta:
        csrf = False  # a GET form that only looks a code up

    code = StringField(_l("Code"), validators=[DataRequired(), Length(max=20)])


class JoinForm(FlaskForm):
    """Joining: a name is optional; without one the participant is anonymous."""

    display_name = StringField(_l("Your name (optional)"), validators=[Length(max=MAX_NAME_LENGTH)])
    # Choices are the workshop's table groups; the field is left out when it has none.
    group = SelectField(_l("Your table group"), coerce=str, validate_choice=True)
