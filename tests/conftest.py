"""Shared test setup: Qt runs offscreen; hypothesis profiles (ci default, `nightly` via env)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Autosave's recovery copies go to a throw-away folder, never the user's data folder.
os.environ.setdefault("MLSD_DATA_DIR", tempfile.mkdtemp(prefix="mlsd-test-data-"))

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

settings.register_profile("ci", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("nightly", deadline=None, max_examples=1000, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("MLSD_HYPOTHESIS_PROFILE", "ci"))


def pytest_sessionfinish(session: object, exitstatus: int) -> None:
    """Qt's offscreen platform segfaults at interpreter exit while a QMimeData of ours is on its
    clipboard (tests copy and paste); release it before Python tears the QApplication down."""
    widgets = sys.modules.get("PySide6.QtWidgets")
    app = widgets.QApplication.instance() if widgets else None
    if app is not None:
        app.clipboard().clear()
