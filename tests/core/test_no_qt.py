"""The core works in a process where importing PySide6 fails (DESIGN.md section 2)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import ROOT

BLOCKER = textwrap.dedent(
    """
    import sys, importlib.abc
    class _NoQt(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name == "PySide6" or name.startswith("PySide6.") or name == "shiboken6":
                raise ImportError(f"{name} is blocked in this test")
            return None
    sys.meta_path.insert(0, _NoQt())
    """
)

SCRIPT = BLOCKER + textwrap.dedent(
    """
    import importlib, pkgutil, sys, tempfile, pathlib
    try:
        import PySide6  # noqa
    except ImportError:
        pass
    else:
        raise SystemExit("blocker failed")
    import components
    from components.commands import AddBlock, Connect, History, MoveItems
    from components.document import Document
    from components.io import load, save
    from components.model import Block, Connector
    # import every core module, so a stray Qt import anywhere in components/ fails here
    for info in pkgutil.walk_packages(components.__path__, "components."):
        importlib.import_module(info.name)
    doc = Document()
    history = History(doc)
    history.push(AddBlock(Block(id="r", kind="ranking", label="Ranking")))
    history.push(AddBlock(Block(id="m", kind="monitoring")))
    history.push(Connect(Connector(id="c", source="r", target="m", flow="observe")))
    history.push(MoveItems({"r": (40, 40)}))
    path = pathlib.Path(tempfile.mkdtemp()) / "d.mlsd.json"
    save(doc.diagram, path)
    again = load(path)
    assert again == doc.diagram
    from components.validate import validate
    from components.export import to_svg
    validate(again)
    assert "<svg" in to_svg(again)
    from components.compare import compare
    from components.review.documents import review_document
    assert "<svg" in review_document(again, "html").text and compare(again, again).no_gaps
    assert "PySide6" not in sys.modules and "app" not in sys.modules
    print("core ok without Qt")
    """
)


def test_core_runs_where_pyside6_cannot_be_imported() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "core ok without Qt" in result.stdout


def test_importing_components_is_light() -> None:
    """`import components` (model, io, commands) must not pull in networkx, graphviz or Qt."""
    code = (
        "import sys, components, components.io, components.commands, components.catalog, components.style;"
        "heavy = [m for m in ('networkx', 'graphviz', 'PySide6') if m in sys.modules];"
        "print(heavy); sys.exit(1 if heavy else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
