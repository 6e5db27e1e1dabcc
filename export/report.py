"""The plain data snapshot every export is written from: what the workshop produced,
already in report order and already filtered (hidden input left out, names only of
those who agreed to be listed). Labels come in the caller's language."""

from __future__ import annotations

from dataclasses import dataclass, field

# Swedish defaults for the words the deck adds itself; the web app passes its catalogue's.
LABELS = {
    "draft": "UTKAST FÖR VIDAREUTVECKLING",
    "highlights": "Highlights från dagen",
    "words": "Deltagarnas ord",
    "word_list": "Orden och hur många som skrev dem",
    "tracks": "Intressanta spår för vidareutveckling",
    "participants": "Deltagare",
    "unsorted": "Osorterade",
    "continued": "forts.",
    "dots": "{count} röster",
    "tied": "delad plats {rank}",
    "rank_shared": "{rank} (delad)",
    "rank": "Plats",
    "track": "Spår",
    "questions": "Frågor från deltagarna",
    "question": "Fråga",
    "questions_by_votes": "Frågorna efter röster",
    "answered": "besvarad",
    "priorities": "Prioriteringar",
    "priority": "Alternativ",
    "priorities_by_votes": "Alternativen efter poäng",
    "points": "Poäng",
    "people": "Antal",
    "synthesis_priorities": "Prioriteringarna möte för möte",
    "sheet_priorities": "Prioriteringar per möte",
    "synthesis_placements": "Placeringarna möte för möte ({x} · {y})",
    "sheet_placements": "Placeringar per möte",
    "by_group": "{step}: per bordsgrupp",
    "by_type": "{step}: per aktörstyp",
    "no_group": "Utan grupp",
    "no_type": "Ingen typ angiven",
    "matrix_chart": "Alternativen på två skalor",
    "votes": "Röster",
    "meeting": "Möte",
    "synthesis_themes_chart": "Temana möte för möte",
    "synthesis_levels_chart": "Nivåerna möte för möte",
    "top_words": "De vanligaste orden",
    "tracks_by_votes": "Spåren efter röster",
    "cards_per_theme": "{step}: kort per tema",
    "themes": "Teman",
    "more_themes": "Fler teman",
    "cloud_alt": "Ordmoln. De vanligaste orden och hur många som skrev dem: {words}",
    "subtitle": "Reflektioner och summeringar från {title}",
    "anonymous_others": "och {count} deltagare till",
    "stakeholders": "Deltagare per aktörstyp",
    "anonymous_only": "{count} deltagare",
    "series_subtitle": "Sammanställning av {count} möten",
    "synthesis_themes": "Teman i alla möten",
    "synthesis_tracks": "Spår från alla möten, efter röster",
    "synthesis_tracks_chart": "Spårens röster i alla möten",
    "synthesis_words": "Ord från alla möten",
    "synthesis_levels": "Kort per nivå",
    "theme": "Tema",
    "kit_question": "Fråga {number} av {count}",
    "kit_minutes": "Tid: {minutes} minuter",
    "level": "Nivå",
    "sheet_cards": "Kort",
    "sheet_themes": "Teman per möte",
    "sheet_levels": "Nivåer per möte",
    "total": "Totalt",
    "no_level": "Ingen nivå",
    "compilation": "Tematisk sammanställning",
    "method": "Om underlaget",
    "themes_and_levels": "Teman och nivåer",
    "quotes_count": "{count} citat",
    "date": "Datum",
    "place": "Plats",
    "participants_count": "Deltagare",
    "cards_count": "Kort",
}


def label_in(labels: dict[str, str], key: str, **params: object) -> str:
    """A label the exports add, from `labels` (the current language's) or the Swedish
    defaults; counting one, its own form where it has one ("<key>_one")."""
    if params.get("count") == 1 and f"{key}_one" in labels:
        key = f"{key}_one"
    return (labels.get(key) or LABELS[key]).format(**params)


@dataclass(frozen=True)
class ReportWord:
    text: str
    count: int


@dataclass(frozen=True)
class WordsStep:
    title: str
    prompt: str
    words: list[ReportWord]  # most frequent first
    cloud_png: bytes | None = None


@dataclass(frozen=True)
class ReportCard:
    text: str
    category: str = ""
    level: str | None = None
    highlight: bool = False
    stakeholder: str | None = None  # the writer's stakeholder type, where one was given
    # The card's, so a results page can mark a phone's own cards (not part of its content).
    id: int | None = field(default=None, compare=False)


@dataclass(frozen=True)
class ReportTheme:
    name: str
    cards: list[ReportCard]
    parent: str | None = None  # the dimension it sits under


@dataclass(frozen=True)
class BoardStep:
    """A Cards step (or a discussion's answers): its themes in board order, and the cards
    not yet sorted. `categories` side by side when the step is built on themes."""

    title: str
    prompt: str
    categories: list[str]
    themes: list[ReportTheme]
    unsorted: list[ReportCard] = field(default_factory=list)
    side_by_side: bool = False
    # The levels its shown cards have, in the workshop's order (what holds at every level
    # last); empty when no card has one.
    levels: list[str] = field(default_factory=list)

    def by_level(self, cards: list[ReportCard]) -> list[tuple[str | None, list[ReportCard]]]:
        """Cards under their levels, in the board's order of levels, those without one
        last; one group (None) when the board's cards have no levels."""
        if not self.levels:
            return [(None, cards)] if cards else []
        groups = [(level, [c for c in cards if c.level == level]) for level in [*self.levels, None]]
        return [(level, found) for level, found in groups if found]


@dataclass(frozen=True)
class ReportTrack:
    text: str
    dots: int
    rank: int
    tied: bool = False
    id: int | None = field(default=None, compare=False)  # the track's (as a card's)
    answered: bool = False  # a question marked answered


@dataclass(frozen=True)
class Comparison:
    """A result compared across table groups or stakeholder types: a row per item, a column
    per group or type, the values as text (points, or a mean place "4.5 · 2.0")."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]


@dataclass(frozen=True)
class TracksStep:
    """A ranked list: a Tracks step's tracks by dots, or a Questions step's questions by
    upvotes (`kind` "question"), titled and labelled by its kind."""

    title: str
    prompt: str
    tracks: list[ReportTrack]  # ranked
    kind: str = "track"  # track | question | priority: also the row's kind of one's own input
    comparisons: list[Comparison] = field(default_factory=list)  # a prioritisation's, by group and type

    @property
    def section(self) -> str:
        """The label key of the list's heading ("tracks", "questions", "priorities")."""
        return SECTIONS[self.kind]

    @property
    def chart(self) -> str:
        """The label key of its chart's title."""
        return f"{SECTIONS[self.kind]}_by_votes"

    @property
    def unit(self) -> str:
        """The label key of what its numbers count ("votes", "points")."""
        return "points" if self.kind == "priority" else "votes"


SECTIONS = {"track": "tracks", "question": "questions", "priority": "priorities"}


@dataclass(frozen=True)
class MatrixItem:
    """An option as the room placed it on two scales: its mean place, and by how many."""

    text: str
    x: float | None
    y: float | None
    people: int


@dataclass(frozen=True)
class MatrixStep:
    """A prioritisation on two scales (2 by 2, such as benefit and effort)."""

    title: str
    prompt: str
    axes: tuple[str, str]
    items: list[MatrixItem]  # in the step's order of options
    comparisons: list[Comparison] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    name: str
    role: str = ""
    organisation: str = ""


@dataclass(frozen=True)
class Row:
    """One input, as the raw data lists it."""

    step: str
    kind: str  # word | card | track | question | priority | note
    text: str
    category: str = ""
    theme: str = ""
    parent_theme: str = ""
    group: str = ""
    stakeholder: str = ""  # the sender's stakeholder type (anonymous)
    level: str = ""
    votes: int | None = None
    placement: str = ""  # where an option was placed on two scales ("4 · 2")
    hidden: bool = False
    highlight: bool = False
    on_behalf: bool = False
    original: str = ""  # a card's writer's own words, when a facilitator edited its text
    curated: str = ""  # who edited it last, and when (UTC)
    name: str = ""  # only of participants who agreed to be listed
    time: str = ""  # ISO 8601, UTC


@dataclass(frozen=True)
class Report:
    title: str
    date: str = ""  # as it should read on the title slide
    place: str = ""
    organizer: str = ""
    highlights: list[str] = field(default_factory=list)  # marked words, cards and tracks
    # The notes by category, in the workshop's order of categories (seed 002: highlights,
    # colliding views, scribes' reflections, points from the final discussion).
    notes: list[tuple[str, list[str]]] = field(default_factory=list)
    words: list[WordsStep] = field(default_factory=list)
    boards: list[BoardStep] = field(default_factory=list)
    tracks: list[TracksStep] = field(default_factory=list)
    matrices: list[MatrixStep] = field(default_factory=list)  # placed on two scales
    participants: list[Person] = field(default_factory=list)
    anonymous_participants: int = 0
    # How many joined as each stakeholder type, in the workshop's order (none: not asked).
    stakeholders: list[tuple[str, int]] = field(default_factory=list)
    # The workshop's levels in the order outputs show them (what holds at every level last).
    levels: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    def label(self, key: str, **params: object) -> str:
        return label_in(self.labels, key, **params)


@dataclass(frozen=True)
class ThemeRow:
    """One synthesis group of themes: the cards it got in each meeting, and the theme
    names each meeting used for it."""

    name: str
    cards: list[int]
    names: list[str]  # as a table shows them: a meeting's themes in the group, joined
    members: list[list[str]] = field(default_factory=list)  # each meeting's theme names


@dataclass(frozen=True)
class SeriesTrack(ReportTrack):
    meeting: str = ""  # where it was proposed


@dataclass(frozen=True)
class SeriesReport:
    """A series of meetings (seed 004): the synthesis, then every meeting's own report."""

    title: str
    meetings: list[str]
    themes: list[ThemeRow] = field(default_factory=list)
    tracks: list[SeriesTrack] = field(default_factory=list)
    words: WordsStep | None = None
    levels: list[tuple[str, list[int]]] = field(default_factory=list)  # level, cards per meeting
    reports: list[Report] = field(default_factory=list)
    # Each option of the meetings' prioritisations with points, and its points per meeting.
    priorities: list[tuple[str, list[int]]] = field(default_factory=list)
    # Each option the meetings placed on two scales, its mean place per meeting ("4.5 · 2.0"),
    # and the scales' names (the first meeting's).
    placements: list[tuple[str, list[str]]] = field(default_factory=list)
    axes: tuple[str, str] = ("", "")
    labels: dict[str, str] = field(default_factory=lambda: dict(LABELS))

    def label(self, key: str, **params: object) -> str:
        return label_in(self.labels, key, **params)
