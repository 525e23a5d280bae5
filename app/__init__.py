"""The Qt application: the only package that imports PySide6."""

import os

# No pydantic plugins are used here, and looking for them scans every installed package's entry
# points when the first model class is built (~4 ms of every start of `mlsd`).
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
