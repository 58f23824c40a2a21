"""Issues found over a whole walk get the pointer of the deepest class instance their source lies in
(gateway/mapping/walk.py); an issue outside every instance keeps none."""

from __future__ import annotations

from gateway.issues import Issue, error, warning
from gateway.mapping.engine import Instance
from gateway.mapping.walk import walk_issues


class Root:
    """A source root whose paths found `found` (what an EDIFACT interchange's root hands over)."""

    def __init__(self, found: list[Issue]) -> None:
        self.found = found

    def walk_issues(self) -> list[Issue]:
        return self.found


def annotations() -> Instance:
    """Declaration 42A with two consignments read from /CNI[1] and /CNI[2], the second with a goods item."""
    declaration = Instance(None, "42A", "", 1)
    for number in (1, 2):
        consignment = Instance(declaration, f"28A[{number}]", f"CNI[{number}]", 10 * number)
        declaration.children.append(consignment)
    goods = Instance(declaration.children[1], "29A[1]", "GID[1]", 25)
    declaration.children[1].children.append(goods)
    return declaration


def test_an_issue_gets_the_pointer_of_the_deepest_instance_holding_its_source() -> None:
    found = [
        error("reference.unknown", "SGP names nothing.", source="/CNI[2]/SGP[1]/1.1", line=27),
        error("value.bad-number", "MOA has a comma.", source="/CNI[2]/GID[1]/MOA[1]/1.2", line=28),
        warning("reference.unused", "No SGP names the EQD.", source="/EQD[3]", line=9),
        error("reference.duplicate", "Two EQD.", source="/EQD[4]/2.1", line=11),
    ]
    pointers = [issue.pointer for issue in walk_issues(Root(found), annotations())]
    assert pointers == ["42A/28A[2]", "42A/28A[2]/29A[1]", None, None]


def test_a_pointer_already_given_and_roots_without_state_are_left_alone() -> None:
    given = error("value.bad-number", "x", pointer="42A/131", source="/CNT[1]/1.2", line=4)
    assert walk_issues(Root([given]), annotations()) == [given]
    assert walk_issues(object(), annotations()) == []
