"""The user's data folder: recovery copies, practice attempts and the user's own interview prompts.

``platformdirs.user_data_dir("mlsd-whiteboard")``, or ``$MLSD_DATA_DIR`` when set (tests and portable
installs point it elsewhere). Each user of the folder keeps to a subfolder of its own.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_FOLDER = "mlsd-whiteboard"
ENVIRONMENT = "MLSD_DATA_DIR"


def data_folder() -> Path:
    """The data folder (not created here: each writer creates its subfolder when it first writes)."""
    base = os.environ.get(ENVIRONMENT)
    if not base:
        import platformdirs

        base = platformdirs.user_data_dir(APP_FOLDER, appauthor=False)
    return Path(base)
