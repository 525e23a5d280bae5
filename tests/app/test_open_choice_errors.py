"""File > Open on a design with an unknown block kind: one plain line in the error box, the design kept."""

from __future__ import annotations

import json
from pathlib import Path

from tests.app.window_helpers import install_answers, make_window
from tests.conftest import EXAMPLES


def test_file_open_names_an_unknown_block_kind_plainly(qtbot, tmp_path: Path, monkeypatch) -> None:
    """Trial 23 F6: the box read "blocks[0] (id 'uploads').kind: Input should be 'data_source', ... 'mod...
    (437 characters) (and 1 more problem)"."""
    data = json.loads((EXAMPLES / "visual-search.mlsd.json").read_text(encoding="utf-8"))
    data["blocks"][0]["kind"] = "quantum_computer"
    bad = tmp_path / "badkind.mlsd.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    window = make_window(qtbot, tmp_path)
    before = window.editor.doc.diagram
    answers = install_answers(monkeypatch)
    assert not window.documents.open(str(bad))
    assert answers.errors == [f"{bad}: blocks[0] (id 'uploads'): unknown block kind 'quantum_computer' "
                              "(`mlsd schema` lists the 26 valid ones)"]
    assert window.editor.doc.diagram is before
