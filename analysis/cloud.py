"""Word cloud layout and rendering for the projector, with the `wordcloud` library.

`wordcloud` lays out a fresh cloud each time, so one new word can move every
other word. Here the layout is incremental: words placed before keep their place
and size when the space is still free, new words take a free spot chosen from a
random state seeded by the word itself, and font sizes come in steps, so one more
vote rarely changes a size. The layout is computed at half the output size and
drawn at full size (`scale`), which makes it four times cheaper; the SVG embeds
the subset of the font it uses, so å, ä and ö look the same on every projector.

This module is pure computation. It runs in a worker process (`analysis.cloud_worker`),
never in the server's event loop.

About 330 lines: the incremental layout and its drawing share the placed words'
geometry; split apart, each half would only make sense with the other open.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import io
import logging
import math
import random
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import fontTools.subset
import matplotlib
import numpy as np
from PIL import Image, ImageDraw, ImageFont
from wordcloud import WordCloud
from wordcloud.wordcloud import IntegralOccupancyMap

logging.getLogger("fontTools").setLevel(logging.ERROR)  # subsetting notes are not errors

FONT_PATH = str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf")
BACKGROUND = "#10131c"  # the projector page's background, so the cloud fills the screen seamlessly
# Each at least 4.5:1 against the background (WCAG AA even for the smallest words; tested).
PALETTE = ("#ffd65c", "#9fd0ff", "#ffffff", "#8fe3a8", "#ffb3a7", "#d9b8ff", "#7fe0e0")
WIDTH, HEIGHT = 960, 540  # the layout grid; drawn at SCALE times this
SCALE = 2
MARGIN = 4
MIN_FONT = 9
FONT_STEP = 3
MAX_WORDS = 150


@dataclass(frozen=True)
class Placement:
    """Where one word sits in the layout grid."""

    key: str
    text: str
    count: int
    font_size: int
    x: int  # row of the top edge (wordcloud's convention: x is the row)
    y: int  # column of the left edge
    vertical: bool
    color: str
    wanted: int  # the size its count asked for; font_size is smaller when the room was full

    def as_json(self) -> list[Any]:
        return [
            self.key, self.text, self.count, self.font_size, self.x, self.y, self.vertical, self.color,
            self.wanted,
        ]  # fmt: skip

    @classmethod
    def from_json(cls, data: list[Any]) -> Placement:
        key, text, count, font_size, x, y, vertical, color, *wanted = data  # stored before: no wanted
        return cls(
            str(key), str(text), int(count), int(font_size), int(x), int(y), bool(vertical), str(color),
            int(wanted[0]) if wanted else int(font_size),
        )  # fmt: skip


def _seed(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def color_for(key: str) -> str:
    """A word keeps its colour from one refresh to the next."""
    return PALETTE[_seed(key) % len(PALETTE)]


def font_size_for(count: int, top: int, words: int) -> int:
    """Sizes grow with the square root of the count, in steps of FONT_STEP.

    The largest size shrinks as the cloud fills, so a few words fill the screen
    and a hundred still fit; it changes only when the number of words crosses a
    power of two, so one more word does not resize the others.
    """
    tier = 2 ** math.ceil(math.log2(max(words, 1)))
    largest = min(HEIGHT * 0.3, HEIGHT * 1.1 / math.sqrt(tier) + 24)
    size = MIN_FONT + (largest - MIN_FONT) * math.sqrt(count / max(top, 1))
    return int(size // FONT_STEP * FONT_STEP)


@functools.cache
def _plain_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONT_PATH, size)


def _font(size: int, vertical: bool) -> Any:
    return ImageFont.TransposedFont(
        _plain_font(size), orientation=Image.Transpose.ROTATE_90 if vertical else None
    )


_MEASURE = ImageDraw.Draw(Image.new("L", (1, 1)))


@functools.lru_cache(maxsize=8192)
def _box(text: str, size: int, vertical: bool) -> tuple[int, int]:
    """(height, width) of a word's box, margin included. Kept for the worker's next
    render: the words that did not fit are measured again at every size each time."""
    box = _MEASURE.textbbox((0, 0), text, font=_font(size, vertical), anchor="lt")
    return int(box[3]) + MARGIN, int(box[2]) + MARGIN


class _Canvas:
    """The occupancy of the layout grid: a grey image of what is drawn, and its integral."""

    def __init__(self) -> None:
        self.image = Image.new("L", (WIDTH, HEIGHT))
        self.draw = ImageDraw.Draw(self.image)
        self.occupancy = IntegralOccupancyMap(HEIGHT, WIDTH, None)
        # Boxes no free spot was found for. The canvas only fills up, so no box at least as
        # tall and as wide will fit either: it is refused without scanning the grid again.
        self.no_room: list[tuple[int, int]] = []

    def is_free(self, x: int, y: int, height: int, width: int) -> bool:
        if x < 0 or y < 0 or x + height > HEIGHT or y + width > WIDTH:
            return False
        integral = self.occupancy.integral
        x2, y2 = x + height - 1, y + width - 1
        total = int(integral[x2, y2])
        if x > 0:
            total -= int(integral[x - 1, y2])
        if y > 0:
            total -= int(integral[x2, y - 1])
        if x > 0 and y > 0:
            total += int(integral[x - 1, y - 1])
        return total == 0

    def find_spot(self, height: int, width: int, rng: random.Random) -> tuple[int, int] | None:
        """A free spot for the box, chosen with `rng`, or None when there is none.

        Each search scans the whole grid, and a full room sends more words than fit: each
        that does not is tried at every smaller size. The canvas only fills up, so a box
        that found no spot is remembered, and no box at least as tall and as wide is
        searched for again (a search that finds none draws nothing from `rng`, so
        skipping it changes no later choice)."""
        if any(h <= height and w <= width for h, w in self.no_room):
            return None
        spot = self.occupancy.sample_position(height, width, _Picks(rng))
        if spot is None:
            self.no_room = [(h, w) for h, w in self.no_room if not (height <= h and width <= w)]
            self.no_room.append((height, width))
        return spot  # type: ignore[no-any-return]

    def draw_only(self, text: str, size: int, vertical: bool, x: int, y: int) -> None:
        """Draw without updating the occupancy; call `recount` after a batch."""
        half = MARGIN // 2
        self.draw.text((y + half, x + half), text, fill="white", font=_font(size, vertical))

    def recount(self) -> None:
        self.occupancy.update(np.asarray(self.image), 0, 0)

    def put(self, text: str, size: int, vertical: bool, x: int, y: int) -> None:
        self.draw_only(text, size, vertical, x, y)
        self.occupancy.update(np.asarray(self.image), x, y)


class _Picks:
    """The random pick among a search's free spots. `wordcloud` draws `randint(0, hits)` and
    counts the spots from 1, so a draw of 0 found nothing although there was room (and a
    refusal could not be trusted): the pick here is from 1 to `hits`."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def randint(self, _low: int, high: int) -> int:
        return self.rng.randint(1, high)


def layout(
    words: list[tuple[str, str, int]], previous: list[Placement] | None = None, max_words: int = MAX_WORDS
) -> list[Placement]:
    """Place (key, text, count) words, keeping the previous placements where possible.

    The same words and the same previous layout always give the same result.
    """
    ranked = sorted(words, key=lambda w: (-w[2], w[1].casefold(), w[0]))[:max_words]
    if not ranked:
        return []
    top = ranked[0][2]
    before = {p.key: p for p in previous or []}
    canvas = _Canvas()
    placed: list[Placement] = []
    # Words shown before with the same text that ask for the same size keep their place
    # and the size they were drawn at, unchecked: they did not overlap then. In a full room
    # that is smaller than asked, and trying the size asked for would move them each time.
    # They are drawn together and the occupancy is computed once, which is most of the
    # work saved when one new word arrives.
    rest = []
    for key, text, count in ranked:
        wanted = font_size_for(count, top, len(ranked))
        old = before.get(key)
        if old is not None and old.text == text and old.wanted == wanted:
            canvas.draw_only(text, old.font_size, old.vertical, old.x, old.y)
            placed.append(replace(old, count=count, color=color_for(key)))
        else:
            rest.append((key, text, count, wanted))
    canvas.recount()
    # Then words that changed size (near their old place if there is room), then new words.
    rest.sort(key=lambda w: w[0] not in before)
    for key, text, count, wanted in rest:
        spot = _keep(canvas, before.get(key), text, wanted) or _new_spot(canvas, key, text, wanted)
        if spot is None:
            continue  # no room left even at the smallest size
        size, x, y, vertical = spot
        canvas.put(text, size, vertical, x, y)
        placed.append(Placement(key, text, count, size, x, y, vertical, color_for(key), wanted))
    return placed


def _keep(canvas: _Canvas, old: Placement | None, text: str, size: int) -> tuple[int, int, int, bool] | None:
    """The word's previous place, if it still fits there: at `size` centred on the old box,
    or at its corner; else, when it grew, at its old size (it stays where it was)."""
    if old is None:
        return None
    height, width = _box(text, size, old.vertical)
    old_height, old_width = _box(old.text, old.font_size, old.vertical)
    centre = (old.x + (old_height - height) // 2, old.y + (old_width - width) // 2)
    candidates = [(size, centre[0], centre[1], height, width), (size, old.x, old.y, height, width)]
    if old.text == text and old.font_size < size:
        candidates.append((old.font_size, old.x, old.y, old_height, old_width))
    for size, x, y, height, width in candidates:
        if canvas.is_free(x, y, height, width):
            return size, x, y, old.vertical
    return None


def _new_spot(canvas: _Canvas, key: str, text: str, size: int) -> tuple[int, int, int, bool] | None:
    rng = random.Random(_seed(key))
    vertical = rng.random() < 0.1 and " " not in text
    while size >= MIN_FONT:
        for orientation in (vertical, not vertical):
            height, width = _box(text, size, orientation)
            spot = canvas.find_spot(height, width, rng)
            if spot is not None:
                return size, int(spot[0]), int(spot[1]), orientation
        size -= FONT_STEP
    return None


def _drawn(placements: list[Placement]) -> WordCloud:
    """A WordCloud holding this layout, ready to draw."""
    cloud = WordCloud(
        font_path=FONT_PATH, width=WIDTH, height=HEIGHT, scale=SCALE, background_color=BACKGROUND
    )
    cloud.layout_ = [
        (
            (p.text, p.count),
            p.font_size,
            (p.x + MARGIN // 2, p.y + MARGIN // 2),
            Image.Transpose.ROTATE_90 if p.vertical else None,
            p.color,
        )
        for p in placements
    ]
    return cloud


def to_png(placements: list[Placement]) -> bytes:
    """The cloud as a 1920 x 1080 PNG, for slides and printed reports."""
    buffer = io.BytesIO()
    # Without `optimize`: a tenth of the time for a file 2 % larger.
    _drawn(placements).to_image().save(buffer, format="PNG")
    return buffer.getvalue()


def to_svg(placements: list[Placement]) -> str:
    """The cloud as a 1920 x 1080 SVG with the used glyphs of the font embedded."""
    if not placements:
        return _empty_svg()
    svg = str(_drawn(placements).to_svg(embed_font=False))
    chars = frozenset(BASE_CHARACTERS).union(*(p.text for p in placements))
    head_end = svg.index(">") + 1
    return svg[:head_end] + _font_face(chars) + svg[head_end:]


# Most words use only these, so the embedded font rarely has to be made again.
BASE_CHARACTERS = "abcdefghijklmnopqrstuvwxyzåäöéüABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖÉÜ0123456789 -.,:;!?&()'/\"+%"


@functools.lru_cache(maxsize=16)
def _font_face(chars: frozenset[str]) -> str:
    """The glyphs for `chars`, as an embedded WOFF font, so every projector draws the
    same letters as the layout measured (wordcloud's own embedding makes it anew each time)."""
    options = fontTools.subset.Options(hinting=False, desubroutinize=True, ignore_missing_glyphs=True)
    font = fontTools.subset.load_font(FONT_PATH, options)
    subsetter = fontTools.subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    font.flavor = "woff"
    buffer = io.BytesIO()
    font.save(buffer)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    family, style = ImageFont.truetype(FONT_PATH, 10).getname()
    weight = "bold" if "bold" in (style or "").lower() else "normal"
    return (
        f"<style>@font-face{{font-family:{family!r};font-weight:{weight};font-style:normal;"
        f'src:url("data:application/font-woff;base64,{data}")format("woff");}}</style>'
    )


def _empty_svg() -> str:
    width, height = WIDTH * SCALE, HEIGHT * SCALE
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<rect width="100%" height="100%" style="fill:{BACKGROUND}"></rect></svg>'
    )


def render(
    words: list[tuple[str, str, int]], previous: list[Placement] | None = None, max_words: int = MAX_WORDS
) -> tuple[str, list[Placement]]:
    """Layout and SVG in one call: what the worker process does for each request."""
    placements = layout(words, previous, max_words)
    return to_svg(placements), placements
