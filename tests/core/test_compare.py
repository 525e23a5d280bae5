"""Comparing a design with a reference by role: every template against itself and with each block
deleted, the connections and requirements that differ, and independence from ids and labels."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from app.cli import main
from components.commands import Disconnect, History, RemoveItems
from components.compare import compare
from components.compare.describe import noun
from components.compare.roles import roles
from components.document import Document
from components.io import save
from components.model import Diagram
from components.templates import TEMPLATE_IDS, load_template

CASE_STUDIES = [template_id for template_id in TEMPLATE_IDS if template_id != "seven-step-skeleton"]


def without(diagram: Diagram, *ids: str) -> Diagram:
    doc = Document(diagram)
    History(doc).push(RemoveItems(ids))
    return doc.diagram


def renamed(diagram: Diagram, seed: int = 7) -> tuple[Diagram, dict[str, str]]:
    """The same design with every block and connector re-identified and relabelled (old id -> new id)."""
    rng = random.Random(seed)
    mapping = {block.id: f"x{rng.randrange(10**9)}_{index}" for index, block in enumerate(diagram.blocks)}
    blocks = [block.model_copy(update={"id": mapping[block.id], "label": f"Thing {rng.randrange(1000)}"})
              for block in diagram.blocks]
    connectors = [connector.model_copy(update={"id": f"k{index}", "source": mapping[connector.source],
                                               "target": mapping[connector.target], "label": "?"})
                  for index, connector in enumerate(diagram.connectors)]
    groups = [group.model_copy(update={"members": [mapping[m] for m in group.members]}) for group in diagram.groups]
    data = diagram.model_dump()
    data.update(blocks=[b.model_dump() for b in blocks], connectors=[c.model_dump() for c in connectors],
                groups=[g.model_dump() for g in groups])
    return Diagram.model_validate(data), mapping


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_a_template_against_itself_has_no_gaps(template_id: str) -> None:
    result = compare(load_template(template_id), load_template(template_id))
    assert result.no_gaps and result.added == () and result.requirements == ()
    assert result.matched == result.reference_blocks == len(load_template(template_id).blocks)


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_a_deleted_block_is_named_by_its_role(template_id: str) -> None:
    reference = load_template(template_id)
    reference_roles = roles(reference)
    for index, block in enumerate(reference.blocks):
        result = compare(without(load_template(template_id), block.id), reference)
        assert len(result.missing) == 1 and result.added == () and result.links == (), (block.id, result)
        missing = result.missing[0]
        assert missing.kind == block.kind
        assert missing.text.startswith(f"No {noun(reference_roles[index])}")
        assert block.id not in missing.nearest


def test_the_roles_an_interviewer_names() -> None:
    reference = load_template("video-recommendation")
    texts = {block_id: compare(without(load_template("video-recommendation"), block_id), reference).missing[0]
             for block_id in ("cand_tt", "fs_on", "rerank")}
    assert texts["cand_tt"].text == (
        "No retrieval stage on the request path after “API gateway”, before “ANN index (sharded HNSW)” and “Ranking "
        "(multi-task DNN)” and 1 more (the reference's “Retrieval: two-tower, trending”)")
    assert texts["cand_tt"].nearest == ("ab", "gw", "ann", "rank", "fs_on", "mon_ml", "canary", "trend")
    assert texts["fs_on"].text == ("No online feature store fed by “Streaming features: watches, uploads” and “Offline "
                                   "feature store”, feeding “Ranking (multi-task DNN)” and “Retrieval: two-tower, "
                                   "trending” and 1 more")
    assert texts["fs_on"].nearest == ("rank", "cand_tt", "sfp", "idx", "fs_off")
    assert texts["rerank"].text == ("No re-ranking stage on the request path after “Ranking (multi-task DNN)” (the "
                                    "reference's “Re-ranking: freshness, diversity”)")


def test_missing_connections_between_blocks_the_design_has() -> None:
    reference = load_template("video-recommendation")
    doc = Document(load_template("video-recommendation"))
    connector = next(c for c in doc.diagram.connectors if (c.source, c.target) == ("fs_on", "rank"))
    History(doc).push(Disconnect([connector.id]))
    result = compare(doc.diagram, reference)
    assert result.missing == () and not result.no_gaps
    assert [(link.text, link.blocks) for link in result.links] == [
        ("No data connector from “Online feature store” to “Ranking (multi-task DNN)”", ("fs_on", "rank"))]


def test_requirements_that_differ() -> None:
    design = load_template("video-recommendation")
    requirements = design.requirements.model_copy(update={
        "latency_slo_ms": 150, "qps_peak": None, "task_type": "ranking", "offline_metrics": ["MAP ", "nDCG"]})
    result = compare(design.model_copy(update={"requirements": requirements}), load_template("video-recommendation"))
    assert result.requirements == (
        "ML task type: ranking here, recommendation in the reference",
        "Peak QPS: not stated here, 23,000 in the reference",
        "Latency SLO (ms): 150 here, 200 in the reference",
        "Offline metrics of the reference not stated here: recall@k, precision@k, diversity",
    )


@pytest.mark.parametrize("template_id", ["video-recommendation", "video-search", "harmful-content-detection"])
def test_the_comparison_never_depends_on_ids_or_labels(template_id: str) -> None:
    reference = load_template(template_id)
    for deleted in [block.id for block in reference.blocks][::3]:
        plain = compare(without(load_template(template_id), deleted), reference)
        disguised, mapping = renamed(without(load_template(template_id), deleted))
        other = compare(disguised, reference)
        back = {new: old for old, new in mapping.items()}
        assert [item.kind for item in other.missing] == [item.kind for item in plain.missing]
        assert [tuple(back[b] for b in item.nearest) for item in other.missing] == [
            item.nearest for item in plain.missing]
        assert [tuple(back[b] for b in link.blocks) for link in other.links] == [link.blocks for link in plain.links]
        assert other.added == plain.added == () and other.matched == plain.matched
    disguised_reference, _ = renamed(reference, seed=3)
    assert compare(load_template(template_id), disguised_reference).no_gaps


def test_an_empty_design_misses_every_role_and_adds_nothing() -> None:
    reference = load_template("ad-click-prediction")
    result = compare(load_template("seven-step-skeleton"), reference)
    assert len(result.missing) == len(reference.blocks) and result.matched == 0 and result.added == ()
    assert all(item.nearest == () for item in result.missing)


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["compare", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_mlsd_compare_names_the_deleted_role_and_nothing_on_the_template_itself(tmp_path: Path, capsys) -> None:
    path = tmp_path / "mine.mlsd.json"
    save(without(load_template("video-recommendation"), "rerank"), path)
    code, out, err = cli(capsys, str(path), "--with", "video-recommendation")
    assert code == 0 and err == ""
    assert out.splitlines()[:4] == [
        "Compared with the template 'video-recommendation' (Video recommendation): 26 of 27 reference blocks "
        "matched by role.", "", "Missing (the reference has it, this design does not):",
        "  - No re-ranking stage on the request path after “Ranking (multi-task DNN)” (the reference's “Re-ranking: "
        "freshness, diversity”)"]
    code, out, _ = cli(capsys, "examples/video-recommendation.mlsd.json", "--with", "video-recommendation")
    assert code == 0 and out.splitlines()[1] == "No gaps: the design has every role and connection of the reference."
    code, out, _ = cli(capsys, str(path), "--with", "examples/video-recommendation.mlsd.json", "--format", "json")
    data = json.loads(out)
    assert data["missing"][0]["kind"] == "reranking" and data["missing"][0]["nearest"] == ["rank", "mon_sys"]
    assert set(data) == {"reference", "matched", "reference_blocks", "missing", "added", "missing_links",
                         "requirements"}


def test_mlsd_compare_refuses_an_unknown_reference_in_one_line(tmp_path: Path, capsys) -> None:
    code, out, err = cli(capsys, "examples/video-recommendation.mlsd.json", "--with", "no-such-template")
    assert code == 2 and out == "" and err == "no-such-template: no such file\n"


def test_large_designs_match_role_by_role_past_the_exact_matching() -> None:
    from components.compare import match
    from components.synthetic import synthetic_diagram

    design = synthetic_diagram(1000)
    assert max(len(group) for group in match.by_kind(roles(design)).values()) ** 2 > match.EXACT_LIMIT
    result = compare(design, synthetic_diagram(1000))
    assert result.no_gaps and result.added == () and result.matched == 1000
    smaller = compare(without(design.model_copy(deep=True), design.blocks[7].id), design)
    assert [item.kind for item in smaller.missing] == [design.blocks[7].kind]


def test_look_alike_blocks_are_told_apart_by_where_their_connections_go() -> None:
    """Two training pipelines, each feeding its own gate (same metrics): with the first deleted, the one left
    is matched to the reference block whose gate it feeds, not to the deleted one's place in the list."""
    from tests.core.validate_helpers import Design

    d = Design()
    d.block("lake", "data_store", "Lake", store_type="lake")
    for number in (1, 2):
        d.block(f"train{number}", "training_pipeline", f"Training {number}")
    for number in (1, 2):
        d.block(f"gate{number}", "offline_evaluation", f"Gate {number}", metrics=["AUC"])
    d.block("registry", "model_registry", "Registry")
    for number in (1, 2):
        d.connect("lake", f"train{number}", "data").chain("model", f"train{number}", f"gate{number}", "registry")
    result = compare(without(d.build(), "train1"), d.build())
    assert [item.reference_label for item in result.missing] == ["Training 1"]
    assert result.links == () and result.added == ()
