"""Render the demo workshop's summary deck to PNG pictures with LibreOffice (headless, from
Debian: apt-get install libreoffice-impress poppler-utils), to look at every slide type.

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
        started = time.monotonic()
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(deck)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            ["pdftoppm", "-png", "-r", "60", str(out / "demo.pdf"), str(out / "slide")], check=True
        )
        render_s = time.monotonic() - started
    pictures = sorted(out.glob("slide-*.png"))
    for picture in pictures:
        print(picture)
    print(
        json.dumps({"slides": len(pictures), "export_s": round(export_s, 2), "render_s": round(render_s, 2)})
    )


if __name__ == "__main__":
    main()
