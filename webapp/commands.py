"""Command-line tools: `flask --app wsgi <command>`."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from pathlib import Path

import click
from flask import Flask, current_app, url_for
from sqlalchemy import select

from content.archive import import_archive
from content.demo import load_demo, load_demo_series
from content.templates import TEMPLATES, create_from_template
from export.archive import ArchiveError
from export.compilation import compile_series, write_compilation
from export.deck import Options, write_series_deck
from export.report import SeriesReport
from export.report_html import PdfUnavailable, write_compilation_pdf, write_series_pdf
from export.tables import write_series_xlsx
from facilitator.strings import import_mark, report_labels
from models.accounts import Facilitator, count_facilitators, create_facilitator, find_facilitator
from models.errors import DomainError
from models.privacy import apply_retention
from models.series import Series
from models.workshops import Workshop
from readers.export_files import KINDS, write_export
from readers.series_report import series_report
from webapp.errors import message_for
from webapp.extensions import db
from webapp.netinfo import detect_public_url


def register_commands(app: Flask) -> None:
    app.cli.add_command(create_facilitator_command)
    app.cli.add_command(create_workshop_command)
    app.cli.add_command(ensure_facilitator_command)
    app.cli.add_command(export_workshop_command)
    app.cli.add_command(load_demo_command)
    app.cli.add_command(import_workshop_command)
    app.cli.add_command(export_series_command)
    app.cli.add_command(apply_retention_command)


def _fail(error: DomainError) -> None:
    raise click.ClickException(message_for(error.code, **error.params))


@click.command("create-facilitator")
@click.argument("email")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", default="")
def create_facilitator_command(email: str, password: str, name: str) -> None:
    """Add a facilitator account."""
    try:
        facilitator = create_facilitator(db.session, email, password, name)
    except DomainError as error:
        _fail(error)
        return
    click.echo(f"Created facilitator {facilitator.email}")


@click.command("ensure-facilitator")
@click.option("--email", default="facilitator@rundabord.local", show_default=True)
def ensure_facilitator_command(email: str) -> None:
    """Create the first facilitator account if there is none, printing its password once."""
    ensure_first_facilitator(email)


def ensure_first_facilitator(email: str = "facilitator@rundabord.local") -> None:
    if count_facilitators(db.session) > 0:
        click.echo("Facilitator accounts exist; log in with yours.")
        return
    password = secrets.token_urlsafe(12)
    create_facilitator(db.session, email, password)
    click.echo("First facilitator account created. Note the password: it is shown only now.")
    click.echo(f"  e-mail:   {email}")
    click.echo(f"  password: {password}")


@click.command("create-workshop")
@click.option("--template", "template_key", type=click.Choice(sorted(TEMPLATES)), default="samverkan")
@click.option("--facilitator", "email", required=True, help="E-mail of the facilitator who runs it.")
@click.option("--title", default="")
@click.option("--date", "date_text", default="", help="YYYY-MM-DD")
@click.option("--place", default="")
@click.option("--organizer", default="")
def create_workshop_command(
    template_key: str, email: str, title: str, date_text: str, place: str, organizer: str
) -> None:
    """Create a workshop from a template and print its join code and addresses."""
    owner = find_facilitator(db.session, email)
    if owner is None:
        raise click.ClickException(f"No facilitator with e-mail {email}")
    try:
        date = dt.date.fromisoformat(date_text) if date_text else None
    except ValueError:
        raise click.ClickException("The date must be written YYYY-MM-DD") from None
    try:
        workshop = create_from_template(db.session, owner, template_key, title, date, place, organizer)
    except DomainError as error:
        _fail(error)
        return
    for label, value in workshop_addresses(workshop).items():
        click.echo(f"{label}: {value}")


def workshop_addresses(workshop: Workshop) -> dict[str, str]:
    """The join code and the addresses a facilitator hands out, with the public base URL."""
    base = current_app.config.get("PUBLIC_URL") or detect_public_url(int(current_app.config["PORT"]))[0]
    base = base if base.endswith("/") else base + "/"
    with current_app.test_request_context(base_url=base):
        return {
            "Workshop": f"{workshop.id} {workshop.title}",
            "Join code": workshop.join_code,
            "Join URL": base + f"j/{workshop.join_code}",
            "Projector URL": base.rstrip("/")
            + url_for("projector.projector", token=workshop.projector_token),
            "Dashboard URL": base.rstrip("/") + url_for("workshops.dashboard", workshop_id=workshop.id),
        }


EXPORT_FORMATS = KINDS
SERIES_FORMATS = ("pptx", "pdf", "xlsx", "compilation", "compilation-pdf")
NO_PANGO = "PDF needs Pango: apt-get install libpango-1.0-0 libpangoft2-1.0-0"


@click.command("export-workshop")
@click.argument("workshop_id", type=int)
@click.option("--format", "kind", type=click.Choice(EXPORT_FORMATS), default="pptx", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
@click.option("--no-draft", is_flag=True, help="Leave out the draft marker on the title slide.")
@click.option("--template", type=click.Path(exists=True, dir_okay=False), help="Your own .pptx template.")
def export_workshop_command(
    workshop_id: int, kind: str, output: str, no_draft: bool, template: str | None
) -> None:
    """Write a workshop's summary deck or raw data to a file."""
    if db.session.get(Workshop, workshop_id) is None:
        raise click.ClickException(f"No workshop {workshop_id}.")
    options = Options(draft=not no_draft, template=Path(template).read_bytes() if template else None)
    try:
        data = write_export(db.session, workshop_id, kind, options, report_labels())
    except PdfUnavailable:
        raise click.ClickException(NO_PANGO) from None
    Path(output).write_bytes(data)
    click.echo(f"{output}: {len(data)} bytes")


@click.command("load-demo")
@click.option(
    "--facilitator", "email", default="", help="E-mail of the facilitator who gets it (default: the first)."
)
def load_demo_command(email: str) -> None:
    """Create a finished example workshop from seed 002's stakeholder dialogue."""
    facilitator = _facilitator(email)
    workshop = load_demo(db.session, facilitator)
    series = load_demo_series(db.session, facilitator)
    click.echo(f"Demo series {series.id}: {series.title} ({len(series.workshops)} workshops)")
    click.echo(f"Demo workshop {workshop.id}: {workshop.title} (for {facilitator.email})")
    for label, address in workshop_addresses(workshop).items():
        click.echo(f"{label}: {address}")


@click.command("import-workshop")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--facilitator", "email", default="", help="E-mail of the facilitator who gets it (default: the first)."
)
def import_workshop_command(archive: str, email: str) -> None:
    """Import a workshop archive (from export-workshop --format json, or zip with its films)
    as a new workshop."""
    facilitator = _facilitator(email)
    try:
        imported = import_archive(db.session, Path(archive).read_bytes(), facilitator, import_mark())
    except ArchiveError as error:
        raise click.ClickException(f"{archive}: {error.reason}") from None
    workshop = imported.workshop
    click.echo(f"Imported as workshop {workshop.id}: {workshop.title} (for {facilitator.email})")
    for title in imported.without_files:
        click.echo(
            f"The film of the step {title!r} is neither in the archive nor on this server:"
            " upload it on its film page."
        )


def _facilitator(email: str) -> Facilitator:
    """The facilitator with this e-mail, or the first one."""
    found = (
        find_facilitator(db.session, email)
        if email
        else db.session.scalar(select(Facilitator).order_by(Facilitator.id).limit(1))
    )
    if found is None:
        raise click.ClickException(
            "No such facilitator: create one first (flask --app wsgi create-facilitator EMAIL)."
        )
    return found


@click.command("export-series")
@click.argument("series_id", type=int)
@click.option(
    "--format",
    "kind",
    type=click.Choice(SERIES_FORMATS),
    default="pptx",
    show_default=True,
    help="pptx or pdf: the synthesis, then each meeting's report; xlsx: every card of every meeting; "
    "compilation (.pptx) or compilation-pdf: the thematic compilation.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), required=True)
def export_series_command(series_id: int, kind: str, output: str) -> None:
    """Write a series' synthesis deck (then each meeting's deck), or its thematic compilation."""
    series = db.session.get(Series, series_id)
    if series is None:
        raise click.ClickException(f"No series {series_id}.")
    report = series_report(db.session, series, report_labels())
    writers: dict[str, Callable[[SeriesReport], bytes]] = {
        "pptx": write_series_deck,
        "pdf": write_series_pdf,
        "xlsx": write_series_xlsx,
        "compilation": lambda report: write_compilation(compile_series(report)),
        "compilation-pdf": lambda report: write_compilation_pdf(compile_series(report)),
    }
    try:
        data = writers[kind](report)
    except PdfUnavailable:
        raise click.ClickException(NO_PANGO) from None
    Path(output).write_bytes(data)
    click.echo(f"{output}: {len(data)} bytes")


@click.command("apply-retention")
def apply_retention_command() -> None:
    """Remove participants' names and consents where a workshop's retention time has passed
    (the server also does this every hour)."""
    click.echo(f"Names removed: {apply_retention(db.session)}")
