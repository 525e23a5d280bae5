"""The shipped templates: complete, valid, readable designs; `mlsd templates` and `mlsd new`."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from app.cli import main as mlsd
from components import style
from components.catalog import STAGES, is_model_serving
from components.io import dumps, load
from components.model import Diagram
from components.templates import (
    DEFAULT_TEMPLATE,
    EXAMPLES_DIR,
    TEMPLATE_IDS,
    UnknownTemplateError,
    list_templates,
    load_template,
    template_ids,
    template_path,
)
from components.validate import coverage, validate

SKELETON = "seven-step-skeleton"
CASE_STUDIES = [tid for tid in TEMPLATE_IDS if tid != SKELETON]
# Blocks whose design choice is the point of the case study: each must say what it gives up.
KEY_KINDS = {"candidate_generation", "ranking", "inference_service", "vector_index", "prediction_store",
             "training_pipeline"}
GAP = 8  # minimum free space between two boxes, in scene units



def _rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return (x, y, x + w, y + h)


def _block_rects(diagram: Diagram) -> dict[str, tuple[float, float, float, float]]:
    return {b.id: _rect(b.x, b.y, *style.block_size(b.kind, b.width, b.height)) for b in diagram.blocks}


def _overlap(a: tuple[float, ...], b: tuple[float, ...], gap: float = GAP) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


@pytest.fixture(scope="module", params=TEMPLATE_IDS)
def template(request: pytest.FixtureRequest) -> tuple[str, Diagram]:
    return request.param, load_template(request.param)


def test_every_listed_template_has_a_file_and_no_file_is_unlisted() -> None:
    on_disk = {p.name.removesuffix(".mlsd.json") for p in EXAMPLES_DIR.glob("*.mlsd.json")}
    assert set(TEMPLATE_IDS) == on_disk
    assert len(TEMPLATE_IDS) == 11
    assert template_ids() == list(TEMPLATE_IDS)
    assert DEFAULT_TEMPLATE in TEMPLATE_IDS


def test_listing_gives_id_title_one_line_description_and_path() -> None:
    infos = list_templates()
    assert [info.id for info in infos] == list(TEMPLATE_IDS)
    for info in infos:
        assert info.title.strip() and info.path == template_path(info.id) and info.path.is_file()
        assert info.description.strip() and "\n" not in info.description and len(info.description) <= 200


def test_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(UnknownTemplateError) as caught:
        load_template("no-such-template")
    assert "no-such-template" in str(caught.value)
    assert all(tid in str(caught.value) for tid in TEMPLATE_IDS)


def test_each_load_is_a_fresh_copy() -> None:
    first = load_template(DEFAULT_TEMPLATE)
    first.blocks.clear()
    assert load_template(DEFAULT_TEMPLATE).blocks


def test_files_are_canonical(template: tuple[str, Diagram]) -> None:
    template_id, diagram = template
    path = template_path(template_id)
    assert dumps(load(path)) == path.read_text(encoding="utf-8")
    assert dumps(diagram).encode("utf-8") == path.read_bytes()


def test_case_studies_validate_without_errors_or_warnings(template: tuple[str, Diagram]) -> None:
    template_id, diagram = template
    findings = validate(diagram)
    if template_id == SKELETON:  # a blank page: only the steps still to draw are reported
        assert {f.rule for f in findings} == {"stage-coverage"}
        assert {f.severity for f in findings} == {"warning"}
        return
    serious = [f"{f.severity} {f.rule}: {f.message}" for f in findings if f.severity in ("error", "warning")]
    assert serious == []


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_case_studies_have_no_infos_either(template_id: str) -> None:
    findings = validate(load_template(template_id))
    assert [f"{f.rule}: {f.message}" for f in findings if f.severity == "info"] == []


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_all_seven_steps_are_covered(template_id: str) -> None:
    steps = coverage(load_template(template_id))
    assert [step.number for step in steps if not step.covered] == []


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_requirements_card_is_filled(template_id: str) -> None:
    """Online designs state their scale as DAU, peak QPS and a latency SLO; batch ones (no online model)
    as the volume of one run and its window."""
    diagram = load_template(template_id)
    req = diagram.requirements
    assert req.business_objective.strip() and req.ml_objective.strip() and req.task_type
    if any(is_model_serving(b.kind, b.props) and getattr(b.props, "mode", "online") == "online" for b in diagram.blocks):
        assert None not in (req.latency_slo_ms, req.qps_peak, req.dau)
    else:
        assert None not in (req.volume_per_run, req.run_window_hours)
    assert req.inputs.strip() and req.outputs.strip()
    assert req.offline_metrics and req.online_metrics


# "100M DAU x ~10 homepage loads per user per day": the figure the peak QPS is derived from
PER_USER = re.compile(r"(\d+(?:\.\d+)?)\s+[A-Za-z -]*?per user per day")


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_peak_qps_follows_from_daily_users(template_id: str) -> None:
    """Where a design states DAU and peak QPS, its notes say how many requests a user makes a day, and
    the peak is 1-4x the daily average those give (an interviewer checks this arithmetic first)."""
    req = load_template(template_id).requirements
    if req.dau is None or req.qps_peak is None:
        return
    stated = PER_USER.search(req.notes)
    assert stated, f"{template_id}: the notes do not say how many requests a user makes per day"
    average_qps = req.dau * float(stated.group(1)) / 86_400
    assert 1 <= req.qps_peak / average_qps <= 4, (req.qps_peak, round(average_qps))


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_key_blocks_say_what_they_trade_off(template_id: str) -> None:
    diagram = load_template(template_id)
    key = [b for b in diagram.blocks if b.kind in KEY_KINDS or is_model_serving(b.kind, b.props)]
    assert key, "a case study without a model or a retrieval stage"
    assert [b.id for b in key if not b.tradeoffs.strip()] == []


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_case_studies_carry_a_sticky_note(template_id: str) -> None:
    notes = load_template(template_id).notes
    assert 1 <= len(notes) <= 2 and all(note.text.strip() for note in notes)


def test_no_two_blocks_overlap_and_no_block_sits_under_a_note(template: tuple[str, Diagram]) -> None:
    _, diagram = template
    rects = _block_rects(diagram)
    clashes = [(a, b) for (a, ra), (b, rb) in itertools.combinations(rects.items(), 2) if _overlap(ra, rb)]
    assert clashes == []
    notes = {n.id: _rect(n.x, n.y, n.width, n.height) for n in diagram.notes}
    under = [(n, b) for n, rn in notes.items() for b, rb in rects.items() if _overlap(rn, rb)]
    assert under == []
    assert [(a, b) for (a, ra), (b, rb) in itertools.combinations(notes.items(), 2) if _overlap(ra, rb, 0)] == []


def test_labels_fit_their_blocks_and_notes_fit_their_text(template: tuple[str, Diagram]) -> None:
    """Nothing a reader needs is elided: block labels break into the lines canvas and export draw
    without an ellipsis, and note text fits its note (measured, as canvas and export wrap it)."""
    _, diagram = template
    cut = []
    for block in diagram.blocks:
        width, height = style.block_size(block.kind, block.width, block.height)
        lines = style.block_label_lines(block.label, width, height)
        if " ".join(lines).split() != block.label.split():
            cut.append((block.id, lines))
    assert cut == []
    for note in diagram.notes:
        lines = style.note_lines(note.text, note.width, note.height)
        assert not lines[-1].endswith(style.ELLIPSIS), (note.id, lines)
        assert " ".join(lines).split() == note.text.split(), note.id


@pytest.mark.parametrize("template_id", CASE_STUDIES)
def test_request_path_reads_left_to_right_from_the_client(template_id: str) -> None:
    """The client starts the request path and sits left of the blocks it calls (street view, where
    the picture flows toward the viewer on the right, is the one design drawn the other way)."""
    diagram = load_template(template_id)
    blocks = {b.id: b for b in diagram.blocks}
    first_calls = [blocks[c.target] for c in diagram.connectors
                   if c.flow == "request" and blocks[c.source].kind == "client"]
    assert first_calls
    client_x = min(b.x for b in diagram.blocks if b.kind == "client")
    if template_id == "street-view-blurring":
        assert all(b.x < client_x for b in first_calls)
    else:
        assert all(b.x > client_x for b in first_calls)


def test_skeleton_has_one_frame_per_step_left_to_right() -> None:
    diagram = load_template(SKELETON)
    assert diagram.blocks == [] and diagram.connectors == []
    groups = sorted(diagram.groups, key=lambda g: g.x)
    assert [g.stage for g in groups] == [stage.number for stage in STAGES]
    for group, stage in zip(groups, STAGES, strict=True):
        assert group.label == stage.name and group.members == []
    for left, right in itertools.pairwise(groups):
        assert left.x + left.width < right.x
    assert diagram.notes and any("requirements" in note.text.lower() for note in diagram.notes)


# ----- command line ---------------------------------------------------------------------------------

def test_mlsd_templates_lists_every_id_and_title(capsys: pytest.CaptureFixture[str]) -> None:
    assert mlsd(["templates"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(TEMPLATE_IDS)
    for line, info in zip(out, list_templates(), strict=True):
        assert line.split()[0] == info.id and line.rstrip().endswith(info.title)


def test_mlsd_new_writes_a_loadable_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.mlsd.json"
    assert mlsd(["new", "event-recommendation", str(out)]) == 0
    assert load(out) == load_template("event-recommendation")
    assert out.read_bytes() == template_path("event-recommendation").read_bytes()
    printed = capsys.readouterr()
    assert printed.out == "" and str(out) in printed.err  # stdout carries data only


def test_mlsd_new_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "mine.mlsd.json"
    out.write_text("my precious work", encoding="utf-8")
    assert mlsd(["new", "visual-search", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "my precious work"
    err = capsys.readouterr().err
    assert "already exists" in err and "--force" in err and len(err.strip().splitlines()) == 1
    assert mlsd(["new", "--force", "visual-search", str(out)]) == 0
    assert load(out) == load_template("visual-search")


def test_mlsd_new_unknown_template_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.mlsd.json"
    assert mlsd(["new", "video-recomendation", str(out)]) == 2
    err = capsys.readouterr().err
    assert "video-recomendation" in err and all(tid in err for tid in TEMPLATE_IDS)
    assert not out.exists()


def test_mlsd_new_into_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert mlsd(["new", SKELETON, str(tmp_path)]) == 2
    assert "folder" in capsys.readouterr().err
