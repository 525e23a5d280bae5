"""One definition of each vocabulary (components.model.types): severities, flows, the four element
collections, connector styles (and their labels). Tables keyed by them cover each exactly, and no module lists the names again."""

from __future__ import annotations

import ast
from pathlib import Path
from types import SimpleNamespace

import pytest

from components import style
from components.badges import block_badges
from components.export.svg_style import FLOW_CLASS, SEVERITY_CLASS
from components.model import (
    COLLECTIONS,
    CONNECTOR_STYLE_LABELS,
    CONNECTOR_STYLES,
    FLOWS,
    SEVERITIES,
    severity_rank,
)
from tests.conftest import ROOT

VOCABULARIES = {"severities": set(SEVERITIES), "flows": set(FLOWS), "collections": set(COLLECTIONS),
                "connector styles": set(CONNECTOR_STYLES)}
HOME = ROOT / "components" / "model" / "types.py"


def listed_vocabularies(path: Path) -> list[tuple[str, int]]:
    """(vocabulary, line) of every tuple, list or set literal (a ``Literal[...]`` too) of string
    constants that names a whole vocabulary."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Tuple | ast.List | ast.Set) and node.elts:
            values = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
            for name, words in VOCABULARIES.items():
                if words <= values:
                    found.append((name, node.lineno))
    return found


def test_each_vocabulary_is_listed_once() -> None:
    copies = []
    for path in sorted([*(ROOT / "components").rglob("*.py"), *(ROOT / "app").rglob("*.py")]):
        relative = path.relative_to(ROOT).as_posix()
        if path == HOME:
            assert sorted(name for name, _line in listed_vocabularies(path)) == sorted(VOCABULARIES)
            continue
        copies += [f"{relative}:{line} lists the {name}" for name, line in listed_vocabularies(path)]
    assert copies == []


def test_the_checker_finds_a_copy(tmp_path: Path) -> None:
    copy = tmp_path / "copy.py"
    copy.write_text('ORDER = {"warning": 1}\nNAMES = ("info", "warning", "error")\nF = list(FLOWS)\n')
    assert listed_vocabularies(copy) == [("severities", 2)]


def test_tables_keyed_by_a_vocabulary_cover_it_in_order() -> None:
    assert tuple(style.FLOW_STYLES) == FLOWS == tuple(FLOW_CLASS)
    assert tuple(SEVERITY_CLASS) == SEVERITIES
    assert tuple(CONNECTOR_STYLE_LABELS) == CONNECTOR_STYLES
    for palette in style.THEMES.values():
        assert set(palette.severity) == set(SEVERITIES)


@pytest.mark.parametrize("odd", ["fatal", "", "ERROR"])
def test_an_unknown_severity_counts_as_the_mildest(odd: str) -> None:
    assert severity_rank(odd) == severity_rank("info") > severity_rank("warning") > severity_rank("error")
    badges = block_badges([SimpleNamespace(severity=odd, blocks=["a", "a", "b"]),
                           SimpleNamespace(severity="warning", blocks=["b"])])
    assert badges == {"a": ("info", 1), "b": ("warning", 2)}
