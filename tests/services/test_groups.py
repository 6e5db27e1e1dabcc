"""Table groups keep their identity: renaming, reordering, removing or adding any line of
the editor's list changes nobody's group but that line's, and a group with people or
input in it goes only where the facilitator says they go."""

from __future__ import annotations

import pytest

from models import agenda
from models.errors import DomainError
from models.groups import GroupLine, add_groups, groups_of, save_groups
from models.participants import Participant, join_workshop
from models.scribes import invite_scribe
from models.workshops import Workshop
from steps.cards.cards import Card, submit_card
from webapp.extensions import db

NAMES = ["Bord 1", "Bord 2", "Bord 3", "Bord 4"]


@pytest.fixture
def seated(workshop: Workshop) -> dict[str, int]:
    """Bord 1 to 4; a participant with a card at Bord 1, 3 and 4 (Bord 2 is empty, as in the
    report). Each participant's name is the table they sit at."""
    step = workshop.steps[1]
    agenda.open_step(db.session, step)
    groups = add_groups(db.session, workshop, "\n".join(NAMES))
    for group in groups:
        if group.name == "Bord 2":
            continue
        phone = join_workshop(db.session, workshop, group.name, group_id=group.id)
        card = {"id": f"card-{group.id:04d}", "step_id": step.id, "text": f"Kort från {group.name}"}
        assert submit_card(db.session, phone, card).ack["ok"]
    return {g.name: g.id for g in groups}


def where_everyone_sits(workshop: Workshop) -> dict[str, int | None]:
    """Each participant and each card: the id of the group it carries."""
    people = db.session.query(Participant).filter_by(workshop_id=workshop.id, on_behalf=False)
    cards = db.session.query(Card).filter_by(workshop_id=workshop.id)
    return {
        **{p.display_name: p.group_id for p in people},
        **{c.text: c.group_id for c in cards},
    }


def lines(ids: dict[str, int], order: list[str], **changes: GroupLine) -> list[GroupLine]:
    return [changes.get(name.replace(" ", "_"), GroupLine(ids[name], name)) for name in order]


@pytest.mark.parametrize("removed", ["Bord 2"])
def test_removing_an_empty_line_changes_nobodys_group(
    workshop: Workshop, seated: dict[str, int], removed: str
) -> None:
    before = where_everyone_sits(workshop)
    kept = [n for n in NAMES if n != removed]
    save_groups(
        db.session, workshop, [*lines(seated, kept), GroupLine(seated[removed], removed, remove=True)]
    )
    assert [g.name for g in groups_of(db.session, workshop.id)] == kept
    assert where_everyone_sits(workshop) == before
    assert {g.name: g.id for g in groups_of(db.session, workshop.id)} == {n: seated[n] for n in kept}


@pytest.mark.parametrize("at", range(len(NAMES) - 1))
def test_reordering_any_two_lines_changes_nobodys_group(
    workshop: Workshop, seated: dict[str, int], at: int
) -> None:
    before = where_everyone_sits(workshop)
    order = list(NAMES)
    order[at], order[at + 1] = order[at + 1], order[at]
    save_groups(db.session, workshop, lines(seated, order))
    assert [(g.name, g.id) for g in groups_of(db.session, workshop.id)] == [(n, seated[n]) for n in order]
    assert where_everyone_sits(workshop) == before


@pytest.mark.parametrize("renamed", NAMES)
def test_renaming_a_line_keeps_its_group_and_everyone_elses(
    workshop: Workshop, seated: dict[str, int], renamed: str
) -> None:
    before = where_everyone_sits(workshop)
    save_groups(
        db.session, workshop, [GroupLine(seated[n], "Nytt namn" if n == renamed else n) for n in NAMES]
    )
    names = {g.id: g.name for g in groups_of(db.session, workshop.id)}
    assert names[seated[renamed]] == "Nytt namn"
    assert where_everyone_sits(workshop) == before


@pytest.mark.parametrize("removed", ["Bord 1", "Bord 3", "Bord 4"])
def test_a_line_with_people_asks_where_they_go_and_moves_only_them(
    workshop: Workshop, seated: dict[str, int], removed: str
) -> None:
    before = where_everyone_sits(workshop)
    kept = [n for n in NAMES if n != removed]
    with pytest.raises(DomainError) as error:
        save_groups(db.session, workshop, [*lines(seated, kept), GroupLine(seated[removed], removed, True)])
    assert error.value.code == "group_needs_destination"
    assert error.value.params == {"name": removed, "people": 1, "inputs": 1}
    assert where_everyone_sits(workshop) == before and len(groups_of(db.session, workshop.id)) == 4
    to = seated["Bord 2"]
    save_groups(
        db.session,
        workshop,
        [*lines(seated, kept), GroupLine(seated[removed], removed, True, move_chosen=True, move_to=to)],
    )
    moved = {who: (to if gid == seated[removed] else gid) for who, gid in before.items()}
    assert where_everyone_sits(workshop) == moved


def test_a_removed_groups_people_can_go_to_no_group(workshop: Workshop, seated: dict[str, int]) -> None:
    rest = lines(seated, ["Bord 2", "Bord 3", "Bord 4"])
    save_groups(db.session, workshop, [GroupLine(seated["Bord 1"], "Bord 1", True, True, None), *rest])
    sits = where_everyone_sits(workshop)
    assert sits["Bord 1"] is None and sits["Kort från Bord 1"] is None and sits["Bord 3"] == seated["Bord 3"]


def test_a_group_cannot_go_to_a_group_that_goes_too(workshop: Workshop, seated: dict[str, int]) -> None:
    changes = [
        GroupLine(seated["Bord 1"], "Bord 1", True, True, seated["Bord 3"]),
        GroupLine(seated["Bord 3"], "Bord 3", True, True, None),
        *lines(seated, ["Bord 2", "Bord 4"]),
    ]
    with pytest.raises(DomainError) as error:
        save_groups(db.session, workshop, changes)
    assert error.value.code == "invalid_input"
    assert len(groups_of(db.session, workshop.id)) == 4


def test_a_tables_scribe_does_not_become_the_whole_workshops(
    workshop: Workshop, seated: dict[str, int]
) -> None:
    invite_scribe(db.session, workshop, "Sam", seated["Bord 2"])
    rest = lines(seated, ["Bord 1", "Bord 3", "Bord 4"])
    with pytest.raises(DomainError) as error:
        save_groups(db.session, workshop, [*rest, GroupLine(seated["Bord 2"], "Bord 2", True, True, None)])
    assert error.value.code == "group_has_scribe"
    save_groups(
        db.session, workshop, [*rest, GroupLine(seated["Bord 2"], "Bord 2", True, True, seated["Bord 1"])]
    )
    assert len(groups_of(db.session, workshop.id)) == 3


@pytest.mark.parametrize(
    "changed,code",
    [
        ({"Bord_3": "Bord 1"}, "duplicate_group_name"),
        ({"Bord_3": "bord  1"}, "duplicate_group_name"),
        ({"Bord_3": "   "}, "group_name_required"),
        ({"Bord_3": "x" * 61}, "invalid_input"),
    ],
)
def test_a_bad_list_is_refused_and_changes_nothing(
    workshop: Workshop, seated: dict[str, int], changed: dict[str, str], code: str
) -> None:
    renamed = {key: GroupLine(seated[key.replace("_", " ")], name) for key, name in changed.items()}
    with pytest.raises(DomainError) as error:
        save_groups(db.session, workshop, lines(seated, NAMES, **renamed))
    assert error.value.code == code
    db.session.rollback()
    assert [g.name for g in groups_of(db.session, workshop.id)] == NAMES


def test_a_group_of_another_workshop_is_refused(
    workshop: Workshop, seated: dict[str, int], facilitator: object
) -> None:
    other = agenda.create_workshop(db.session, facilitator, title="Annan")  # type: ignore[arg-type]
    [theirs] = add_groups(db.session, other, "Deras bord")
    with pytest.raises(DomainError) as error:
        save_groups(
            db.session, workshop, [*lines(seated, NAMES), GroupLine(theirs.id, "Mitt nu", True, True, None)]
        )
    assert error.value.code == "invalid_input"
    assert [g.name for g in groups_of(db.session, other.id)] == ["Deras bord"]


def test_new_lines_add_groups_after_the_others(workshop: Workshop, seated: dict[str, int]) -> None:
    before = where_everyone_sits(workshop)
    save_groups(
        db.session, workshop, [*lines(seated, NAMES), GroupLine(None, "Bord 5"), GroupLine(None, " ")]
    )
    assert [g.name for g in groups_of(db.session, workshop.id)] == [*NAMES, "Bord 5"]
    assert where_everyone_sits(workshop) == before
