"""Render the demo workshop's summary deck, the demo series' synthesis and its thematic
compilation to PNG pictures (slide-NN.png, series-NN.png, compilation-NN.png) with
LibreOffice (headless, from Debian: apt-get install libreoffice-impress poppler-utils),
to look at every slide type.

    PYTHONPATH=. .venv/bin/python bench/deck_preview.py [OUT_DIR]

Prints the pictures it wrote, then one line of JSON with the slide count and timings.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.server import ServerProcess


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/deck-preview").resolve()
    out.mkdir(parents=True, exist_ok=True)
    for tool in ("soffice", "pdftoppm"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is missing: apt-get install libreoffice-impress poppler-utils")
    with tempfile.TemporaryDirectory() as instance:
        server = ServerProcess(Path(instance))  # only its environment and `flask` helper
        server.flask("db", "upgrade")
        server.flask("create-facilitator", "demo@region.se", "--password", "correct horse battery")
        server.flask("load-demo")
        deck = out / "demo.pptx"
        started = time.monotonic()
        server.flask("export-workshop", "1", "-o", str(deck))
        export_s = time.monotonic() - started
        synthesis = out / "series.pptx"
        started = time.monotonic()
        server.flask("export-series", "1", "-o", str(synthesis))
        series_s = time.monotonic() - started
        compiled = out / "compilation.pptx"
        server.flask("export-series", "1", "--format", "compilation", "-o", str(compiled))
        started = time.monotonic()
        render(deck, out / "slide")
        render(synthesis, out / "series")
        render(compiled, out / "compilation")
        render_s = time.monotonic() - started
    pictures = sorted(out.glob("slide-*.png"))
    series = sorted(out.glob("series-*.png"))
    compilation = sorted(out.glob("compilation-*.png"))
    for picture in [*pictures, *series, *compilation]:
        print(picture)
    figures = {"slides": len(pictures), "series_slides": len(series), "export_s": round(export_s, 2)}
    figures["compilation_slides"] = len(compilation)
    figures.update(series_export_s=round(series_s, 2), render_s=round(render_s, 2))
    print(json.dumps(figures))


def render(deck: Path, prefix: Path) -> None:
    """The deck as PDF (LibreOffice), then each page as a PNG named after `prefix`."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(deck.parent), str(deck)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(deck.with_suffix(".pdf")), str(prefix)], check=True)


if __name__ == "__main__":
    main()
