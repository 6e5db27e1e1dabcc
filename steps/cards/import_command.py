"""`flask --app wsgi import-cards WORKSHOP_ID STEP_ID FILE`: the organizer's import of a
CSV or XLSX file into a step from the command line, checked as on the page
(steps/cards/importing.py): every row that cannot be taken is named and nothing is made."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from models.errors import DomainError
from models.workshops import Step
from steps.cards.importing import apply_import, plan_import, read_file
from webapp.errors import message_for
from webapp.extensions import db


@click.command("import-cards")
@click.argument("workshop_id", type=int)
@click.argument("step_id", type=int)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would be made, and make nothing.")
@with_appcontext
def import_cards_command(workshop_id: int, step_id: int, file: Path, dry_run: bool) -> None:
    """Import cards into a step from a CSV or XLSX file with a header row: text (required),
    theme, parent_theme, level, category, group, stakeholder. Themes, levels, groups and
    stakeholder types are made as needed; a file with any bad row makes nothing."""
    step = db.session.get(Step, step_id)
    if step is None or step.workshop_id != workshop_id:
        raise click.ClickException(f"No step {step_id} in workshop {workshop_id}")
    try:
        plan = plan_import(db.session, step, read_file(file.name, file.read_bytes()))
    except DomainError as error:
        raise click.ClickException(message_for(error.code, **error.params)) from None
    for problem in plan.problems:
        where = _("Row %(line)d", line=problem.line) + ": " if problem.line else ""
        click.echo(where + message_for(problem.code, **problem.params), err=True)
    if plan.problems:
        raise click.ClickException(f"Nothing imported: {len(plan.problems)} problems in {file.name}")
    click.echo(f"{len(plan.rows)} cards into “{step.title}”")
    for label, names in (
        ("New themes", [f"{p} – {n}" if p else n for p, n in plan.new_themes]),
        ("New levels", plan.new_levels),
        ("New table groups", plan.new_groups),
        ("New stakeholder types", plan.new_types),
        ("Columns left out", plan.unused_columns),
    ):
        if names:
            click.echo(f"{label}: {', '.join(names)}")
    if dry_run:
        click.echo("Dry run: nothing imported")
        return
    apply_import(db.session, step, plan)
    click.echo("Imported")
