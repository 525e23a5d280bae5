"""The Qt application: the only package that imports PySide6."""

import os
import sys
import types


def _without_pydantic_plugins() -> None:
    """No pydantic plugins are used here. Looking for them means importing ``importlib.metadata`` (email,
    zipfile, csv...) and scanning every installed package's entry points when the first model class is
    built: ~26 ms of every start of `mlsd`, an eighth of a PNG export. Plugins are switched off the
    documented way (PYDANTIC_DISABLE_PLUGINS), and the loader module, whose only function then returns
    nothing, is replaced by one that returns nothing without those imports. Someone who sets the variable
    otherwise gets pydantic's own loader."""
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    loader = "pydantic.plugin._loader"
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true") and loader not in sys.modules:
        stub = types.ModuleType(loader, "pydantic's plugin loader with plugins switched off (see app/__init__.py)")
        stub.get_plugins = tuple  # type: ignore[attr-defined]  # -> (): no plugins
        sys.modules[loader] = stub


_without_pydantic_plugins()
