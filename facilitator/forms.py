"""Forms of the facilitator's screens (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

import functools
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    IntegerField,
    PasswordField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from steps.registry import kinds


class LoginForm(FlaskForm):
    email = StringField(_l("E-mail"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=200)])


class SettingsForm(FlaskForm):
    """The facilitator's own settings: the interface language, kept with the account."""

    language = RadioField(
        _l("Language of the interface"),
        choices=[("sv", "Svenska"), ("en", "English")],
        validators=[DataRequired()],
    )


class WorkshopForm(FlaskForm):
    """The facts on the title slide: workshop, date, place, organizer."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    date = DateField(_l("Date"), validators=[Optional()])
    place = StringField(_l("Place"), validators=[Length(max=200)])
    organizer = StringField(_l("Organizer"), validators=[Length(max=200)])

    def facts(self) -> dict[str, Any]:
        """The facts as `models.agenda` takes them."""
        return {
            "title": self.title.data or "",
            "date": self.date.data,
            "place": self.place.data or "",
            "organizer": self.organizer.data or "",
        }


class WordListsForm(FlaskForm):
    """The word cloud's review lists for one workshop, one word or phrase per line."""

    held_words = TextAreaField(
        _l("Also hold these words for review"),
        description=_l(
            "Stop words and possibly offensive words wait for you before they are shown. "
            "Add words of your own here, one per line."
        ),
        validators=[Length(max=5000)],
    )
    allowed_words = TextAreaField(
        _l("Never hold these words"),
        description=_l("Words from the standard lists that should be shown at once, one per line."),
        validators=[Length(max=5000)],
    )


class NoteCategoriesForm(FlaskForm):
    """The categories of the facilitators' notes, one per line."""

    note_categories = TextAreaField(
        _l("Note categories, one per line"),
        description=_l(
            "Facilitators write their notes under these headings; the report has one section each."
        ),
        validators=[Length(max=6000)],
    )


class LevelsForm(FlaskForm):
    """The levels a card can be about, one per line."""

    levels = TextAreaField(
        _l("Levels, one per line"),
        description=_l(
            "Participants choose one when a cards step asks for a level, and you can set or correct it "
            "on the board. Outputs list the levels in this order. Cards keep a level you take off the list."
        ),
        validators=[Length(max=2000)],
        render_kw={"rows": 6},
    )


class StakeholderTypesForm(FlaskForm):
    """The kinds of organisation a participant may say they are there for, one per line."""

    stakeholder_types = TextAreaField(
        _l("Stakeholder types, one per line"),
        description=_l(
            "For example Region, Kommun, Lärosäte, Brukarorganisation, Privat aktör. Participants may "
            "choose one when they join; it is anonymous and counted in the dashboard and the exports. "
            "Leave it empty not to ask."
        ),
        validators=[Length(max=2000)],
        render_kw={"rows": 5},
    )


class GroupsForm(FlaskForm):
    """The workshop's table groups: each existing group is a row of its own (named, moved,
    removed by its id; `facilitator.groups_editor` reads them), and new groups one per line."""

    new_groups = TextAreaField(
        _l("New groups, one per line"),
        description=_l("Participants choose their group when they join, or scan their table's QR code."),
        validators=[Length(max=4000)],
    )


class ScribeForm(FlaskForm):
    """A scribe's link: who it is for, and optionally the one table group they write for."""

    name = StringField(_l("Scribe's name (optional)"), validators=[Length(max=80)])
    group = SelectField(_l("Writes for"), coerce=str, validators=[Optional()])


class FacilitatorForm(FlaskForm):
    """A co-facilitator, by the e-mail of their Rundabord account."""

    email = StringField(
        _l("E-mail of a co-facilitator's account"),
        description=_l(
            "They get full rights to this workshop: the agenda, the live dashboard and the exports."
        ),
        validators=[DataRequired(), Length(max=254)],
    )


class NewWorkshopForm(WorkshopForm):
    template = SelectField(
        _l("Start from"),
        choices=[("samverkan", _l("Template: Samverkansdialog")), ("", _l("An empty agenda"))],
        default="samverkan",
    )


class NewStepForm(FlaskForm):
    kind = SelectField(_l("Kind of step"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind.choices = [(kind.name, kind.label) for kind in kinds().values()]


class StepForm(FlaskForm):
    """What every step has; `step_form` adds the settings of one kind."""

    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    prompt = TextAreaField(_l("Prompt shown on phones and the projector"), validators=[Length(max=1000)])
    based_on_step_id = SelectField(_l("Post under the themes of"), coerce=str, validators=[Optional()])


@functools.cache
def step_form(kind: str) -> type[StepForm]:
    """The editor's form for a step of `kind`: its settings' fields (`StepKind.form_fields`)."""
    return type(f"StepForm_{kind}", (StepForm,), kinds()[kind].form_fields())


class DeckForm(FlaskForm):
    """What goes into the summary deck, and the organizer's own template."""

    sections = SelectMultipleField(
        _l("Include"),
        choices=[
            ("title", _l("Title slide")),
            ("highlights", _l("Highlights of the day")),
            ("words", _l("The participants' words (cloud and list)")),
            ("themes", _l("One slide per theme with its cards")),
            ("notes", _l("Notes: colliding views, scribes' reflections, final discussion")),
            ("tracks", _l("Tracks for further development, ranked by votes")),
            ("participants", _l("Participants who agreed to be listed")),
        ],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    draft = BooleanField(_l("Mark as a draft (“DRAFT FOR FURTHER DEVELOPMENT”)"), default=True)
    template = FileField(
        _l("Your own PowerPoint template (optional)"),
        description=_l("A .pptx file: its masters, layouts and fonts are used; its slides are left out."),
        validators=[FileAllowed(["pptx"], _l("Choose a .pptx file."))],
    )


class ImportForm(FlaskForm):
    """A workshop archive (.json, or .zip with its films) to import as a new workshop."""

    archive = FileField(
        _l("Workshop archive (.json or .zip)"),
        description=_l(
            "A file from Export → Archive. It becomes a new workshop of yours; the original is not changed."
        ),
        validators=[
            FileRequired(_l("Choose a file.")),
            FileAllowed(["json", "zip"], _l("Choose a .json or .zip file from Export → Archive.")),
        ],
    )


class SeriesForm(FlaskForm):
    """A series of workshops (for instance regional meetings), compiled into one synthesis."""

    title = StringField(_l("Title of the series"), validators=[DataRequired(), Length(max=200)])
    workshops = SelectMultipleField(
        _l("Workshops in the series"),
        coerce=int,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )


class ResultsForm(FlaskForm):
    """The results page for participants at the join address: what it shows, until when."""

    publish = BooleanField(_l("Publish the results page at the join address"))
    results_until = DateField(
        _l("Published through"),
        description=_l("The last day the page can be seen; at most a year ahead."),
        validators=[Optional()],
    )
    parts = SelectMultipleField(
        _l("It shows"),
        choices=[
            ("words", _l("The word cloud and its words")),
            ("themes", _l("The themes with their cards")),
            ("tracks", _l("The tracks, ranked by votes")),
        ],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    summary = TextAreaField(
        _l("Your summary (optional)"),
        description=_l(
            "A few lines on what happens next with what was said. An empty line starts a new paragraph."
        ),
        validators=[Length(max=3000)],
        render_kw={"rows": 5},
    )

    def validate(self, extra_validators: Any = None) -> bool:
        """A published page needs its last day (the date itself is checked on saving)."""
        valid = super().validate(extra_validators)
        if valid and self.publish.data and self.results_until.data is None:
            self.results_until.errors = [_l("Choose the last day the page is published.")]
            return False
        return valid


class RetentionForm(FlaskForm):
    """How long participants' names and consents are kept after the workshop."""

    retention_days = IntegerField(
        _l("Remove participants' names after (days)"),
        description=_l(
            "Names, roles, organisations and consents are removed this many days after the workshop's date. "
            "Empty: kept until you delete the workshop. Everything else sent stays, without names."
        ),
        validators=[Optional(), NumberRange(1, 3650)],
    )
