"""PySide6 6.12.0 on Python 3.11 drops a reference to None per void Qt call and aborts
("none_dealloc") after a few thousand calls; pyproject.toml pins around it (DESIGN.md section 8).
Run the calls in a child process so an abort shows up as a failure, not a dead test run."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import os
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, QPointF, QRectF
from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene
app = QApplication([])
scene = QGraphicsScene()
item = QGraphicsRectItem(QRectF(0, 0, 10, 10))
scene.addItem(item)
obj = QObject()
refs = sys.getrefcount(None)
for i in range(50_000):
    item.setPos(QPointF(i % 97, i % 89))   # returns nothing
    obj.setObjectName("x")                 # returns nothing
print("survived", sys.getrefcount(None) - refs)
"""


def test_fifty_thousand_void_calls_survive() -> None:
    result = subprocess.run([sys.executable, "-c", "import sys\n" + SCRIPT], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "survived" in result.stdout


def test_pyproject_keeps_the_constraint() -> None:
    import tomllib

    from tests.conftest import ROOT

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    assert "PySide6-Essentials>=6.8,<6.12; python_version<'3.12'" in deps
