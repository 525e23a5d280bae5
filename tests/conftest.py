"""Shared test setup: Qt runs offscreen; hypothesis profiles (ci default, `nightly` via env)."""

from __future__ import annotations

import os
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
