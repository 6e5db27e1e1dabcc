"""How long a phone takes to join on a poor network, and how much it downloads.

A real server (SQLite, one process) and Debian's Chromium through Playwright. For each
network profile (Chrome DevTools' presets) a fresh phone opens the join address, taps
"Delta", and waits until it is connected with the open step on screen; the time from
opening the address to that point is the join time. The bytes are the response bodies
as they came over the wire (compressed), the live connection left out. Each profile
runs --runs times; the median is reported.

    PYTHONPATH=. .venv/bin/python bench/phone_network.py [--runs 5]

The last line is JSON: {"slow3g_join_ms": ..., "fast3g_join_ms": ..., "none_join_ms": ...,
"first_load_bytes": ...}. The aim: a phone joins within 5 s on Slow 3G.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from bench.phone import facilitator_socket, template_workshop
from bench.server import ServerProcess

PROFILES = {  # round trip (ms), down and up (bytes/s): DevTools' "Slow 3G" and "Fast 3G"
    "none": None,
    "fast3g": (150, 1_600_000 // 8, 750_000 // 8),
    "slow3g": (400, 400_000 // 8, 400_000 // 8),
}


def join_once(browser: Any, join_url: str, profile: tuple[int, int, int] | None) -> tuple[float, int]:
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, locale="sv-SE", service_workers="block"
    )
    page = context.new_page()
    loaded: list[int] = []

    def finished(request: Any) -> None:
        if "/socket.io/?" not in request.url:  # the live connection is not the page
            loaded.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", finished)
    if profile:
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        latency, down, up = profile
        cdp.send(
            "Network.emulateNetworkConditions",
            {"offline": False, "latency": latency, "downloadThroughput": down, "uploadThroughput": up},
        )
    started = time.perf_counter()
    page.goto(join_url)
    join_page_bytes = sum(loaded)
    page.get_by_role("button", name="Delta").click()
    page.locator("#connection[data-state=connected]").wait_for(timeout=60_000)
    page.locator(".step-title").first.wait_for(timeout=60_000)
    elapsed = (time.perf_counter() - started) * 1000
    context.close()
    return elapsed, sum(loaded) - join_page_bytes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    instance = Path(tempfile.mkdtemp(prefix="rundabord-network-"))
    server = ServerProcess(instance)
    server.start()
    try:
        room = template_workshop(server, "Nätverk")
        sio = facilitator_socket(server.url, room["http"], room["workshop_id"])
        sio.call("open_step", {"step_id": room["steps"][1]}, timeout=10)  # a Cards step
        sio.disconnect()
        figures: dict[str, float] = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH")
                or shutil.which("chromium")
                or "/usr/bin/chromium",
                args=["--no-sandbox", "--disable-gpu"],
            )
            for name, profile in PROFILES.items():
                runs = [join_once(browser, room["Join URL"], profile) for _ in range(args.runs)]
                figures[f"{name}_join_ms"] = round(statistics.median(ms for ms, _ in runs), 1)
                figures["phone_page_bytes"] = runs[-1][1]
                print(f"{name:>7}: join {figures[f'{name}_join_ms']:7.1f} ms (median of {args.runs})")
            browser.close()
    finally:
        server.stop()
        shutil.rmtree(instance, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
