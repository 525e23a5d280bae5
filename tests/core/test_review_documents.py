"""The review as documents: HTML well-formed and self-contained for every template, Markdown tables and
images that a code host renders, JSON with the documented keys, and the CLI around them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.cli import main
from components.io import save
from components.model import Diagram
from components.review import review
from components.review.docs import DOC_PATH, render
from components.review.documents import review_document
from components.templates import TEMPLATE_IDS, load_template
from tests.core.review_helpers import strong

VOID = {"meta", "br", "col", "img", "hr", "link", "input"}
HOSTILE = '</td></table><script>alert(1)</script> | *bold* [x](http://evil) `code` <img src=x> &amp; \x07'


class StrictChecker(HTMLParser):
    """Every element closed in order (SVG's self-closed elements included); records references out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.references: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._refs(attrs)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._refs(attrs)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()

    def _refs(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "xlink:href", "action") and value and not value.startswith("#"):
                self.references.append(value)
            if name.startswith("on"):
                self.problems.append(f"event attribute {name}")


def check_html(text: str) -> StrictChecker:
    checker = StrictChecker()
    checker.feed(text)
    checker.close()
    assert not checker.problems, checker.problems[:5]
    assert checker.stack == [], checker.stack
    assert text.startswith("<!DOCTYPE html>")
    return checker


@pytest.mark.parametrize("template_id", TEMPLATE_IDS)
def test_html_review_of_every_template_is_well_formed_and_self_contained(template_id: str) -> None:
    text = review_document(load_template(template_id), "html").text
    checker = check_html(text)
    assert checker.references == []
    assert "script" not in checker.tags and "link" not in checker.tags and "iframe" not in checker.tags
    assert checker.tags.count("svg") == 1 and 'id="legend"' in text
    assert not re.search(r"url\((?!#)", text) and "@import" not in text
    for heading in ("Requirements card", "Score by step", "Findings", "Follow-up questions", "Trade-offs",
                    "Back-of-envelope estimates", "Walkthrough"):
        assert f"<h2>{heading}</h2>" in text


def hostile_design() -> Diagram:
    design = strong().require(business_objective=HOSTILE)
    kind, props, _label = design.blocks["ranker"]
    design.blocks["ranker"] = (kind, props, HOSTILE)
    return design.build()


def test_hostile_labels_stay_text_in_html() -> None:
    text = review_document(hostile_design(), "html").text
    checker = check_html(text)
    assert checker.references == [] and "script" not in checker.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text and "\x07" not in text


def table_rows(markdown: str) -> list[list[str]]:
    """Each table as its rows of cells, splitting on unescaped pipes."""
    tables: list[list[str]] = []
    for line in markdown.splitlines():
        if line.startswith("|"):
            tables.append(line)
    return [re.split(r"(?<!\\)\|", row)[1:-1] for row in tables]


def test_markdown_tables_keep_their_columns_whatever_the_labels() -> None:
    text = review_document(hostile_design(), "md").text
    rows = table_rows(text)
    assert rows
    widths = {len(row) for row in rows}
    assert widths <= {2, 4, 5}  # requirements card, steps and estimates, request path
    assert "<script" not in text and "\\*bold\\*" in text and "\\[x\\](http://evil)" in text
    for block in re.findall(r"^\| .*$", text, re.MULTILINE):
        assert "\n" not in block


def test_markdown_links_the_diagram_written_beside_it_or_embeds_mermaid() -> None:
    diagram = load_template("video-recommendation")
    beside = review_document(diagram, "md", "out/review.md")
    assert list(beside.attachments) == ["review.svg"]
    assert "![The diagram of Video recommendation](review.svg)" in beside.text
    assert beside.attachments["review.svg"].startswith("<?xml") and 'id="legend"' in beside.attachments["review.svg"]
    inline = review_document(diagram, "md")
    assert inline.attachments == {} and "```mermaid\n%% Video recommendation\nflowchart LR\n" in inline.text
    assert inline.text.count("```") == 2


def test_json_review_has_the_documented_shape() -> None:
    data = json.loads(review_document(load_template("ad-click-prediction"), "json").text)
    assert set(data) == {"title", "total", "max", "summary", "steps", "tradeoffs", "questions", "findings",
                         "estimates", "walkthrough"}
    assert data["max"] == 21 and len(data["steps"]) == 7
    assert set(data["steps"][0]) == {"number", "name", "score", "max", "points", "gaps"}
    assert set(data["steps"][0]["points"][0]) == {"key", "title", "earned", "evidence", "gap", "findings", "blocks"}
    assert data["total"] == sum(step["score"] for step in data["steps"])
    assert set(data["walkthrough"]) == {"sections", "request_path", "slo_ms", "budget", "funnel", "feedback_loop"}


def test_tradeoff_coverage_lists_key_blocks_without_a_note() -> None:
    coverage = review(strong().build()).tradeoffs
    assert coverage.noted == ("train",)
    assert coverage.missing == ("cands", "index", "ranker", "rerank", "offline_fs", "online_fs", "ab", "monitor")


def test_the_rubric_document_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == render(), "run python -m components.review.docs"
    check = subprocess.run([sys.executable, "-m", "components.review.docs", "--check"], capture_output=True, text=True,
                           cwd=Path(__file__).resolve().parents[2], check=False)
    assert check.returncode == 0, check.stderr


# --- the command line -------------------------------------------------------------------------------------------

def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_mlsd_review_writes_html_and_markdown_with_its_picture(tmp_path: Path, capsys) -> None:
    source = tmp_path / "design.mlsd.json"
    save(strong().build(), source)
    code, out, err = cli(capsys, "review", str(source), "-o", str(tmp_path / "review.html"))
    assert (code, out, err) == (0, "", "")
    check_html((tmp_path / "review.html").read_text(encoding="utf-8"))
    assert cli(capsys, "review", str(source), "-o", str(tmp_path / "notes.md"))[0] == 0
    assert "![The diagram of Untitled design](notes.svg)" in (tmp_path / "notes.md").read_text(encoding="utf-8")
    assert (tmp_path / "notes.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_mlsd_review_prints_markdown_json_or_the_walkthrough(tmp_path: Path, capsys) -> None:
    source = tmp_path / "design.mlsd.json"
    save(strong().build(), source)
    code, out, _ = cli(capsys, "review", str(source))
    assert code == 0 and out.startswith("# Design review: Untitled design\n\n**21/21. Every step")
    code, out, _ = cli(capsys, "review", str(source), "--format", "json")
    assert json.loads(out)["total"] == 21
    code, out, _ = cli(capsys, "review", str(source), "--walkthrough")
    assert out.startswith("# Walkthrough: Untitled design\n\n### Ingestion and data\n")
    assert "| 3 | “Candidates” | 30 ms | “ANN index” 10 ms and “Online store” 5 ms | 50 ms |" in out
    assert "| 5 | “Re-ranking” | 10 ms | — | 125 ms |" in out


def test_mlsd_review_refuses_bad_input_in_one_line(tmp_path: Path, capsys) -> None:
    code, out, err = cli(capsys, "review", str(tmp_path / "missing.mlsd.json"))
    assert code == 2 and out == "" and err == f"{tmp_path / 'missing.mlsd.json'}: no such file\n"
    source = tmp_path / "design.mlsd.json"
    save(strong().build(), source)
    code, _, err = cli(capsys, "review", str(source), "-o", str(tmp_path / "review.txt"))
    assert code == 2 and "cannot tell the format from the file name" in err and err.endswith("\n") and err.count("\n") == 1
    code, _, err = cli(capsys, "review", str(source), "-o", str(tmp_path / "no" / "such" / "review.html"))
    assert code == 2 and "cannot write" in err


def test_mlsd_estimate_prints_figures_or_json(tmp_path: Path, capsys) -> None:
    source = tmp_path / "design.mlsd.json"
    save(strong().build(), source)
    code, out, _ = cli(capsys, "estimate", str(source))
    assert code == 0 and out.startswith("Untitled design: back-of-envelope estimates\n\nRequests per day")
    assert "Ranking scores per second           25 million scores/s\n  = peak QPS × candidates ranked per request\n" \
           "  = 50,000 QPS × 500\n" in out
    code, out, _ = cli(capsys, "estimate", str(source), "--format", "json")
    data = json.loads(out)
    assert set(data) == {"figures", "missing", "assumed"}
    scores = next(figure for figure in data["figures"] if figure["key"] == "ranking_scores")
    assert scores["value"] == 25_000_000 and scores["result"] == "25 million scores/s"


def test_mlsd_review_reads_standard_input_and_writes_standard_output(tmp_path: Path) -> None:
    source = tmp_path / "design.mlsd.json"
    save(strong().build(), source)
    run = subprocess.run([sys.executable, "-m", "app", "review", "-", "--format", "json", "-o", "-"],
                         input=source.read_bytes(), capture_output=True, timeout=120, check=False,
                         cwd=Path(__file__).resolve().parents[2])
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["total"] == 21


def test_mlsd_review_refuses_to_overwrite_its_input_or_a_read_only_file(tmp_path: Path, capsys) -> None:
    source = tmp_path / "design.html"
    save(strong().build(), source)
    code, _, err = cli(capsys, "review", str(source), "-o", str(source))
    assert code == 2 and err.startswith(f"{source}: ")
    locked = tmp_path / "locked.html"
    locked.write_text("old", encoding="utf-8")
    locked.chmod(0o444)
    design = tmp_path / "d.mlsd.json"
    save(strong().build(), design)
    code, _, err = cli(capsys, "review", str(design), "-o", str(locked))
    assert code == 2 and "--force" in err and locked.read_text(encoding="utf-8") == "old"
    assert cli(capsys, "review", str(design), "-o", str(locked), "--force")[0] == 0
    assert locked.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
