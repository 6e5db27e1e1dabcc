"""The Information kind: the step's title and prompt, a text of paragraphs, a link, and a
film (a local video file, uploaded on its own page: `steps.info.media`). It takes no
input."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from flask import Blueprint
from flask_babel import lazy_gettext as _l
from wtforms import Field, StringField, TextAreaField, URLField
from wtforms.validators import URL, Length, Optional

from models.workshops import Step
from steps.info.media import add_media_routes, copy_film, film_file, forget_film
from steps.info.strings import STRINGS
from steps.kind import StepKind, TextSetting

MAX_BODY_LENGTH = 4000


class Info(StepKind):
    name = "info"
    screens = frozenset({"phone", "projector"})
    fragments = frozenset({"phone", "projector"})
    strings = STRINGS
    label = _l("Information (a text, a link or a film)")
    default_title = _l("Information")
    short_label = _l("Information")
    settings = {
        "body": TextSetting("", MAX_BODY_LENGTH, multiline=True),
        "link": TextSetting("", 500, url=True),
        "link_text": TextSetting("", 120),
        "video": TextSetting("", 200),  # the film's file name (steps.info.media), not in the form
    }

    def form_fields(self) -> dict[str, Field]:
        return {
            "body": TextAreaField(
                _l("Text"),
                description=_l(
                    "Shown on the big screen and the phones. An empty line starts a new paragraph."
                ),
                validators=[Length(max=MAX_BODY_LENGTH)],
                render_kw={"rows": 8},
            ),
            "link": URLField(
                _l("Link (optional)"),
                description=_l("An address that begins with https://, for example a film on the web."),
                validators=[
                    Optional(),
                    URL(require_tld=False, message=_l("Write a whole address: https://…")),
                ],
            ),
            "link_text": StringField(
                _l("The link's text (optional)"),
                description=_l("What the link says, such as “Watch the film”. Empty: the address."),
                validators=[Length(max=120)],
            ),
        }

    def editor_links(self, step: Step) -> list[tuple[str, str]]:
        from flask import url_for

        address = url_for("step_info.film", workshop_id=step.workshop_id, step_id=step.id)
        return [(str(_l("A film on the big screen and the phones…")), address)]

    def deleted(self, step: Step) -> None:
        """The step's film goes with it."""
        forget_film(step)

    def own_files(self, step: Step) -> dict[str, Path]:
        """Its film, if it has one here."""
        return film_file(step)

    def imported(self, step: Step, files: Mapping[str, bytes]) -> bool:
        """A film of its own: the archive's, or a copy of the file on this server."""
        return copy_film(step, files)

    def blueprint(self) -> Blueprint:
        """The kind's files, its film's page and the films themselves."""
        bp = super().blueprint()
        add_media_routes(bp)
        return bp


INFO = Info()
