"""One export of a workshop as a file: read from the store, written by `export/`. The
export page, its background jobs and the command line all go through here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from content.archive import export_archive, export_archive_with_files
from export.compilation import compile_workshop, write_compilation
from export.deck import Options, write_deck
from export.report_html import write_compilation_pdf, write_pdf
from export.tables import write_csv, write_xlsx
from models.errors import NotFound
from models.session import DbSession
from models.workshops import Workshop
from readers.workshop_report import workshop_report

KINDS = ("pptx", "pdf", "xlsx", "csv", "json", "zip", "compilation", "compilation-pdf")


def write_export(
    session: DbSession,
    workshop_id: int,
    kind: str,
    options: Options | None = None,
    labels: dict[str, str] | None = None,
    lang: str = "sv",
    stage: Callable[[str], None] = lambda _stage: None,
) -> bytes:
    """The file of one kind (pptx, pdf, xlsx, csv, json, zip: the archive with its
    steps' files; the thematic compilation as
    compilation (PPTX) or compilation-pdf). `stage` hears "reading", then
    "writing": the report is read in one consistent snapshot and the connection given
    back (see `workshop_report`) before the slow writing starts."""
    options = options or Options()
    stage("reading")
    if kind in ("json", "zip"):
        workshop = session.get(Workshop, workshop_id)
        if workshop is None:
            raise NotFound()
        return (
            export_archive(session, workshop)
            if kind == "json"
            else export_archive_with_files(session, workshop)
        )
    report = workshop_report(session, workshop_id, labels)
    stage("writing")
    if kind == "pptx":
        return write_deck(report, replace(options, lang=lang))
    if kind == "pdf":
        return write_pdf(report, options.sections, options.draft, lang)
    if kind == "xlsx":
        return write_xlsx(report)
    if kind == "csv":
        return write_csv(report)
    if kind == "compilation":
        return write_compilation(compile_workshop(report), replace(options, lang=lang))
    if kind == "compilation-pdf":
        return write_compilation_pdf(compile_workshop(report), lang)
    raise ValueError(kind)
