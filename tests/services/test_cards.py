"""Cards and the board: posting, table groups, themes, moves, hiding, and what each role sees."""

from __future__ import annotations

import itertools

import pytest

from models import agenda
from models.errors import DomainError
from models.events import Role
from models.groups import GroupLine, add_groups, groups_of, save_groups
from models.participants import Participant, join_workshop
from models.workshops import Step, Workshop
from readers.snapshots import snapshot
from readers.workshop_report import workshop_report
from steps.cards import board
from steps.cards.cards import Card, Theme, submit_card, themes_of
from webapp.extensions import db

ids = (f"card-{n:04d}" for n in itertools.count())


@pytest.fixture
def prerequisites(workshop: Workshop) -> Step:
    step = workshop.steps[1]
    agenda.open_step(db.session, step)
    return step


@pytest.fixture
def phone(workshop: Workshop) -> Participant:
    groups = add_groups(db.session, workshop, "Bord 1\nBord 2")
    return join_workshop(db.session, workshop, "Kim", group_id=groups[0].id)


def post(phone: Participant, step: Step, text: str, **fields: object) -> dict[str, object]:
    outcome = submit_card(db.session, phone, {"id": next(ids), "step_id": step.id, "text": text, **fields})
    return outcome.ack


def test_a_card_carries_its_group_and_reaches_facilitators_and_projector(
    prerequisites: Step, phone: Participant
) -> None:
    outcome = submit_card(
        db.session, phone, {"id": "c-000001", "step_id": prerequisites.id, "text": "  Gemensam målbild "}
    )
    assert outcome.ack["card"]["text"] == "Gemensam målbild"
    assert outcome.ack["card"]["category"] == "Förutsättningar"  # the step's only category
    card = db.session.get(Card, outcome.ack["card"]["id"])
    assert card is not None and card.group_id == phone.group_id
    assert outcome.event is not None
    facilitator = outcome.event.message(Role.FACILITATOR)
    assert facilitator is not None and facilitator["cards"][0]["participant"]["name"] == "Kim"
    assert facilitator["order"] == {}  # a new card goes last in its column: screens append it
    projector = outcome.event.message(Role.PROJECTOR)
    assert projector is not None and "participant" not in str(projector)
    assert outcome.event.message(Role.PARTICIPANT) is None
    again = submit_card(
        db.session, phone, {"id": "c-000001", "step_id": prerequisites.id, "text": "Gemensam målbild"}
    )
    assert again.ack == outcome.ack and again.event is None
    assert db.session.query(Card).count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"text": ""}, "empty"),
        ({"text": "x" * 281}, "too_long"),
        ({"text": "Tillit", "category": "Hinder"}, "invalid_input"),
    ],
)
def test_bad_cards_get_a_named_error(
    prerequisites: Step, phone: Participant, fields: dict[str, object], code: str
) -> None:
    with pytest.raises(DomainError) as error:
        post(phone, prerequisites, **fields)  # type: ignore[arg-type]
    assert error.value.code == code


def test_a_step_built_on_themes_posts_under_a_theme_with_a_level(
    workshop: Workshop, prerequisites: Step, phone: Participant
) -> None:
    board.create_theme(db.session, prerequisites, "Gemensam målbild")
    theme = db.session.query(Theme).one()
    obstacles = workshop.steps[2]
    agenda.open_step(db.session, obstacles)
    view = snapshot(db.session, workshop.id, Role.PARTICIPANT, phone)["open_steps"][0]
    assert view["themes"] == [{"id": theme.id, "name": "Gemensam målbild"}]
    with pytest.raises(DomainError) as error:
        post(phone, obstacles, "Olika mål", category="Hinder")
    assert error.value.code == "theme_required"
    with pytest.raises(DomainError):
        post(phone, obstacles, "Olika mål", category="Hinder", theme_id=theme.id, level="Kommunal")
    ack = post(phone, obstacles, "Olika mål", category="Hinder", theme_id=theme.id, level="Regional")
    assert ack["card"] == {**ack["card"], "theme_id": theme.id, "level": "Regional", "category": "Hinder"}  # type: ignore[dict-item]
    projector = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]
    assert projector["themes"][0]["name"] == "Gemensam målbild"
    assert projector["order"][str(theme.id)] == [ack["card"]["id"]]  # type: ignore[index]
    with pytest.raises(DomainError) as error:
        board.create_theme(db.session, obstacles, "Eget tema")
    assert error.value.code == "themes_from_earlier_step"


def test_themes_nest_to_three_levels_merge_and_delete(
    workshop: Workshop, prerequisites: Step, phone: Participant
) -> None:
    for name in ("Styrning", "Ledning", "Resurser", "Budget"):
        board.create_theme(db.session, prerequisites, name)
    steering, leading, resources, budget = db.session.query(Theme).order_by(Theme.id).all()
    board.move_theme(db.session, prerequisites, leading.id, parent_id=steering.id)
    board.move_theme(db.session, prerequisites, resources.id, parent_id=leading.id)  # a sub-theme
    for theme, parent in ((budget, resources), (steering, resources), (steering, budget)):
        with pytest.raises(DomainError) as error:  # a fourth level, under its own, too deep below
            board.move_theme(db.session, prerequisites, theme.id, parent_id=parent.id)
        assert error.value.code == "too_deep"
    with pytest.raises(DomainError):
        board.create_theme(db.session, prerequisites, "Djupast", parent_id=resources.id)
    card = post(phone, prerequisites, "Tydlig styrning")["card"]
    board.move_card(db.session, prerequisites, card["id"], resources.id)  # type: ignore[index]
    [shown] = [b for b in workshop_report(db.session, workshop.id).boards if b.title == prerequisites.title]
    assert [(t.name, t.parent) for t in shown.themes] == [("Resurser", "Styrning – Ledning")]
    event = board.merge_themes(db.session, prerequisites, leading.id, budget.id)
    facilitator = event.message(Role.FACILITATOR)
    assert facilitator is not None
    # Ledning's sub-theme goes under Budget, which is top-level: still three levels at most.
    assert [(t["name"], t["parent_id"]) for t in facilitator["themes"]] == [
        ("Styrning", None),
        ("Budget", None),
        ("Resurser", budget.id),
    ]
    assert event.message(Role.PARTICIPANT) is not None  # themes changed: a later step posts under them
    board.merge_themes(db.session, prerequisites, budget.id, resources.id)  # into its own theme
    assert [(t.name, t.parent_id) for t in themes_of(db.session, prerequisites)] == [
        ("Styrning", None),
        ("Resurser", None),
    ]
    board.delete_theme(db.session, prerequisites, resources.id)
    assert db.session.get(Card, card["id"]).theme_id is None  # type: ignore[index,union-attr]


def test_a_deleted_dimension_comes_back_whole(prerequisites: Step, phone: Participant) -> None:
    """What the board's undo sends: the theme again, at its place, with its cards and themes."""
    for name in ("Styrning", "Ledning", "Resurser"):
        board.create_theme(db.session, prerequisites, name)
    steering, leading, resources = db.session.query(Theme).order_by(Theme.id).all()
    board.move_theme(db.session, prerequisites, leading.id, parent_id=steering.id)
    cards = [post(phone, prerequisites, t)["card"]["id"] for t in ("Ett", "Två")]  # type: ignore[index]
    for card_id in reversed(cards):
        board.move_card(db.session, prerequisites, card_id, steering.id, index=0)
    board.delete_theme(db.session, prerequisites, steering.id)
    event = board.create_theme(
        db.session, prerequisites, "Styrning", card_ids=cards, index=0, child_ids=[leading.id]
    )
    restored = event.reply["theme_id"]
    facilitator = event.message(Role.FACILITATOR)
    assert facilitator is not None
    assert [(t["name"], t["parent_id"]) for t in facilitator["themes"]] == [
        ("Styrning", None),
        ("Ledning", restored),
        ("Resurser", None),
    ]
    assert facilitator["order"][str(restored)] == cards
    assert facilitator["order"].get("0", []) == []
    with pytest.raises(DomainError) as error:  # a sub-theme cannot take themes of its own
        board.create_theme(db.session, prerequisites, "Djup", parent_id=leading.id, child_ids=[resources.id])
    assert error.value.code == "too_deep"


def test_moving_cards_orders_columns_and_hidden_cards_leave_the_projector(
    workshop: Workshop, prerequisites: Step, phone: Participant
) -> None:
    board.create_theme(db.session, prerequisites, "Tillit")
    theme = db.session.query(Theme).one()
    first, second, third = (post(phone, prerequisites, t)["card"]["id"] for t in ("Ett", "Två", "Tre"))  # type: ignore[index]
    for card_id in (first, second):
        board.move_card(db.session, prerequisites, card_id, theme.id)
    event = board.move_card(db.session, prerequisites, third, theme.id, index=0)
    facilitator = event.message(Role.FACILITATOR)
    assert facilitator is not None and facilitator["order"][str(theme.id)] == [third, first, second]
    event = board.set_card_flag(db.session, prerequisites, first, "hidden", True)
    projector = event.message(Role.PROJECTOR)
    assert projector is not None and projector["removed"] == [first]
    assert projector["order"][str(theme.id)] == [third, second]
    shown = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]
    assert first not in {c["id"] for c in shown["cards"]}
    mine = snapshot(db.session, workshop.id, Role.PARTICIPANT, phone)["open_steps"][0]["mine"]
    assert [c["text"] for c in mine if c["id"] == first] == [""]  # the sender sees it was hidden
    board.set_card_flag(db.session, prerequisites, first, "hidden", False)
    board.set_card_flag(db.session, prerequisites, second, "highlight", True)
    shown = snapshot(db.session, workshop.id, Role.PROJECTOR)["open_steps"][0]
    assert {c["id"]: c["highlight"] for c in shown["cards"]} == {first: False, second: True, third: False}


def test_a_group_with_participants_is_removed_only_with_a_destination(
    workshop: Workshop, phone: Participant
) -> None:
    bord1, bord2 = groups_of(db.session, workshop.id)
    with pytest.raises(DomainError) as error:
        save_groups(
            db.session, workshop, [GroupLine(bord1.id, "Bord 1", remove=True), GroupLine(bord2.id, "B")]
        )
    assert error.value.code == "group_needs_destination" and error.value.params["people"] == 1
    assert phone.group_id == bord1.id
    groups = save_groups(db.session, workshop, [GroupLine(bord1.id, "Bord A"), GroupLine(bord2.id, "", True)])
    assert [g.name for g in groups] == ["Bord A"]  # the empty group goes
    assert phone.group_id == groups[0].id  # a rename keeps the group


def test_levels_are_the_workshops_list_and_the_board_sets_them_in_one_change(
    workshop: Workshop, prerequisites: Step, phone: Participant
) -> None:
    from models.levels import DEFAULT_LEVELS, levels_of, ordered_levels

    assert (
        levels_of(workshop)
        == list(DEFAULT_LEVELS)
        == [
            "Nationell",
            "Regional",
            "Delregional",
            "Lokal",
            "Nivåoberoende",
        ]
    )
    event = agenda.update_levels(db.session, workshop, " Nationell \nRegion\n\nKommun\nKommun\nNivåoberoende")
    assert levels_of(workshop) == ["Nationell", "Region", "Kommun", "Nivåoberoende"]  # tidied, once each
    assert event.message(Role.PARTICIPANT)["workshop"]["levels"] == levels_of(
        workshop
    )  # phones get it at once
    for bad in ("", "\n".join(f"Nivå {n}" for n in range(13)), "x" * 61):
        with pytest.raises(DomainError) as error:
            agenda.update_levels(db.session, workshop, bad)
        assert error.value.code == "levels_invalid" and error.value.params["field"] == "levels"
    agenda.set_step_setting(db.session, prerequisites, "levels", True)
    first = post(phone, prerequisites, "Gemensam målbild", level="Kommun")["card"]
    second = post(phone, prerequisites, "En väg in")["card"]
    with pytest.raises(DomainError) as error:
        post(phone, prerequisites, "Okänd nivå", level="Delregional")  # not on this workshop's list
    assert error.value.code == "unknown_level"
    ids = [first["id"], second["id"]]  # type: ignore[index]
    event = board.set_card_levels(db.session, prerequisites, [{"card_id": i, "level": "Region"} for i in ids])
    assert [c["level"] for c in event.message(Role.FACILITATOR)["cards"]] == ["Region", "Region"]  # one event
    # Taken off the list, a level stays on its cards, and undo may still give it back.
    agenda.update_levels(db.session, workshop, "Nationell\nRegion\nNivåoberoende")
    undo = [{"card_id": first["id"], "level": "Kommun"}, {"card_id": second["id"], "level": None}]  # type: ignore[index]
    with pytest.raises(DomainError):
        board.set_card_levels(db.session, prerequisites, undo)  # "Kommun" is on no card of the step now
    db.session.rollback()
    board.set_card_levels(db.session, prerequisites, [{"card_id": first["id"], "level": "Nationell"}])  # type: ignore[index]
    assert [db.session.get(Card, i).level for i in ids] == ["Nationell", "Region"]  # type: ignore[union-attr]
    for bad in ([], [{"card_id": first["id"], "level": "Okänd"}], [{"card_id": 10**6, "level": None}], "x"):  # type: ignore[index]
        with pytest.raises(DomainError):
            board.set_card_levels(db.session, prerequisites, bad)
        db.session.rollback()
    assert [db.session.get(Card, i).level for i in ids] == ["Nationell", "Region"]  # type: ignore[union-attr]
    assert ordered_levels(
        ["Nivåoberoende", "Nationell", "Region"], ["Region", None, "Nivåoberoende", "Kommun"]
    ) == [
        "Region",
        "Kommun",  # no longer listed, still on a card
        "Nivåoberoende",  # what holds at every level: last
    ]
