"""The findings delta of live validation (issue 17: the app applies it instead of rebuilding every row):
it names only the findings that appeared or went, and those that stayed are the same objects."""

from __future__ import annotations

from components.commands import History, MoveItems, Relabel, RemoveItems
from components.document import Document
from components.synthetic import synthetic_diagram
from components.validate import validate
from components.validate.delta import delta_of, follow
from components.validate.findings import Finding
from components.validate.live import LiveValidation


def _finding(rule: str, block: str) -> Finding:
    return Finding(rule, "warning", f"{rule} on {block}", (block,), (), 3, "")


def test_findings_made_again_by_a_rule_that_ran_again_are_not_in_the_delta() -> None:
    kept, again_before, gone = _finding("a", "x"), _finding("b", "y"), _finding("c", "z")
    again_after, came = _finding("b", "y"), _finding("d", "w")
    delta = delta_of([kept, again_before, gone], [kept, again_after, came])
    assert delta.added == [came] and delta.removed == [gone]
    assert not delta_of([kept, again_before], [kept, again_after])
    delta, after = follow([kept, again_before, gone], [kept, again_after, came])
    assert after == [kept, again_before, came] and after[1] is again_before  # the object the app holds


def test_one_edit_changes_only_its_own_findings_and_keeps_the_other_objects() -> None:
    diagram = synthetic_diagram(400, seed=3)
    doc = Document(diagram)
    live = LiveValidation(doc)
    history = History(doc)
    history.push(RemoveItems([f"c{i}_rank_mon" for i in range(0, 12)]))  # some findings to keep
    live.update()
    before = list(live.findings)
    assert len(before) >= 12
    history.push(MoveItems.by(doc, ["c20_rank"], 16, 0))
    assert not live.update() and not live.delta
    history.push(RemoveItems(["c20_rank_mon"]))
    assert live.update()
    assert live.delta.removed == [] and live.delta.added and all("c20_rank" in f.blocks for f in live.delta.added)
    stayed = {id(f) for f in before}
    assert all(id(f) in stayed for f in live.findings if f not in live.delta.added)
    history.push(Relabel("blocks", "c20_rank", "Ranker twenty"))
    live.update()
    assert live.findings == validate(doc.diagram)
    assert all("c20_rank" in f.blocks for f in (*live.delta.added, *live.delta.removed))
