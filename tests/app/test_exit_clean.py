"""Leaving the program after a copy must not crash (Qt's offscreen clipboard did, at exit)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

SCRIPT = """
import os
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QMimeData, QTimer
from PySide6.QtWidgets import QApplication
from app.main import release_clipboard_on_quit
app = QApplication([])
release_clipboard_on_quit(app)
mime = QMimeData()
mime.setData("application/x-mlsd-fragment", b"{}")
app.clipboard().setMimeData(mime)
QTimer.singleShot(0, app.quit)
app.exec()
print("quit cleanly")
"""


def test_quit_after_copy_does_not_crash() -> None:
    result = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-1000:]}"
    assert "quit cleanly" in result.stdout
    assert "Cannot add dynamic method" not in result.stderr
