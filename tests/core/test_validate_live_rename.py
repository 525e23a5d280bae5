"""A rename re-checks a Summary rule only when one of its findings names the renamed block (issue 13: on the
45,000-block design `no-impression-logging` reads the whole design, and every rename built a graph of all
of it: 0.1 s of the 0.2 s live validation took per rename)."""

from __future__ import annotations

from typing import Any

from components.commands import History, Relabel, SetProperty
from components.document import Document
from components.synthetic import far_connectors_diagram
from components.validate.live import LiveValidation
from components.validate.scopes import Summary
from tests.core.test_validate_live import agree


def _counted(live: LiveValidation) -> list[str]:
    """The Summary rules live validation runs from now on."""
    ran: list[str] = []
    real = live._evaluate

    def counting(entry: Any, graph: Any) -> Any:
        if isinstance(entry.scope, Summary):
            ran.append(entry.id)
        return real(entry, graph)

    live._evaluate = counting  # type: ignore[method-assign]  # counting the rules it runs, for this test only
    return ran


def _setup() -> tuple[Document, LiveValidation, History]:
    doc = Document(far_connectors_diagram(400, 500, seed=1))
    live = LiveValidation(doc)
    whole = [entry.id for entry, _ in live._rules if isinstance(entry.scope, Summary)
             and entry.scope.support(live.graph) is None]
    assert whole == ["no-impression-logging"]  # this design makes it read everything
    return doc, live, History(doc)


def test_renaming_a_block_no_summary_finding_names_runs_no_summary_rule() -> None:
    doc, live, history = _setup()
    ran = _counted(live)
    named = {block for finding in live.findings for block in finding.blocks if finding.rule in {
        entry.id for entry, _ in live._rules if isinstance(entry.scope, Summary)}}
    block = next(b.id for b in doc.diagram.blocks if b.id not in named)
    history.push(Relabel("blocks", block, "Quite another name"))
    agree(live, doc)
    assert ran == []  # 4 Summary rules ran again before, one of them over the whole design


def test_renaming_a_block_a_summary_finding_names_runs_that_rule() -> None:
    doc, live, history = _setup()
    ran = _counted(live)
    finding = next(f for f in live.findings if f.blocks and f.rule == "no-success-metrics")
    history.push(Relabel("blocks", finding.blocks[0], "Gate with a new name"))
    agree(live, doc)
    assert ran == ["no-success-metrics"]
    history.undo()
    agree(live, doc)


def test_a_rename_and_an_edit_no_summary_rule_reads_run_no_summary_rule() -> None:
    """Found by review: a block renamed and given a property no Summary rule reads, before the next
    update, made the rename count as "something else changed" and ran them over the whole design."""
    doc, live, history = _setup()
    ran = _counted(live)
    named = {block for finding in live.findings for block in finding.blocks if finding.rule in {
        entry.id for entry, _ in live._rules if isinstance(entry.scope, Summary)}}
    block = next(b for b in doc.diagram.blocks if b.id not in named and b.kind == "feature_store")
    history.push(Relabel("blocks", block.id, "Renamed and faster"))  # both before the next update (agree)
    history.push(SetProperty(block.id, "p99_ms", 4.0))
    agree(live, doc)
    assert ran == []
