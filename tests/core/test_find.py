"""Find in a design: by label, kind or finding, in reading order; blank queries find nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from components.find import find_matches
from components.model import Block, Connector, Diagram, Group, Note
from components.validate import validate
from tests.strategies import diagrams


def _diagram() -> Diagram:
    return Diagram(
        blocks=[Block(id="rank", kind="ranking", label="Main ranker", x=400, y=0),
                Block(id="fs", kind="feature_store", label="Features", x=0, y=200),
                Block(id="fs2", kind="feature_store", label="Online feats", x=0, y=0)],
        connectors=[Connector(id="c", source="fs", target="rank", flow="data", label="user features")],
        notes=[Note(id="n", text="Ranker budget is 60 ms", x=800, y=400)],
        groups=[Group(id="g", label="Serving path", x=-40, y=-40)])


def test_label_kind_flow_note_and_frame_match_in_reading_order() -> None:
    diagram = _diagram()
    assert [(m.id, m.why) for m in find_matches(diagram, [], "ranker")] == [("rank", "label"), ("n", "text")]
    assert [m.id for m in find_matches(diagram, [], "Feature  STORE")] == ["fs2", "fs"]  # top row first
    assert [m.id for m in find_matches(diagram, [], "feature_store")] == ["fs2", "fs"]
    # the connector sits halfway between its blocks, above the lower one
    assert [(m.id, m.why) for m in find_matches(diagram, [], "features")] == [("c", "label"), ("fs", "label")]
    assert [m.id for m in find_matches(diagram, [], "serving")] == ["g"]
    assert find_matches(diagram, [], "   ") == []


def test_findings_match_by_rule_and_message() -> None:
    diagram = _diagram()
    findings = list(validate(diagram))
    orphans = {m.id for m in find_matches(diagram, findings, "orphan-block")}
    assert orphans == {b for f in findings if f.rule == "orphan-block" for b in f.blocks}
    assert orphans and all(m.why == "finding" for m in find_matches(diagram, findings, "orphan-block"))


@settings(max_examples=60)
@given(diagrams(max_blocks=8), st.text(max_size=6))
def test_every_match_is_an_element_once_and_its_label_really_matches(diagram: Diagram, query: str) -> None:
    matches = find_matches(diagram, [], query)
    ids = [m.id for m in matches]
    assert len(ids) == len(set(ids))
    known = {e.id for name in ("blocks", "connectors", "notes", "groups") for e in getattr(diagram, name)}
    assert set(ids) <= known
    wanted = " ".join(query.replace("_", " ").casefold().split())
    for block in diagram.blocks:
        if wanted and wanted in " ".join(block.label.replace("_", " ").casefold().split()):
            assert block.id in ids
