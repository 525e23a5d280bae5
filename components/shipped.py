"""The files the program reads at run time (block icons, design templates), installed or in a checkout.

They live at the top of the repository (``examples/``, ``resources/icons/``). The build (setup.py)
copies them into the wheel under ``components/_shipped/`` with the same relative paths, so a wheel
install finds them inside the installed package; a checkout (editable install or PYTHONPATH)
reads the repository's own folders. A zipped install is not supported: Qt needs real files anyway.
"""

from __future__ import annotations

from pathlib import Path

# Folder of the repository -> the files in it the program reads. setup.py reads this table too.
SHIPPED: dict[str, str] = {"examples": "*.mlsd.json", "examples/prompts": "*.prompt.json",
                           "resources/icons": "*.svg"}
PACKAGED = "_shipped"  # where the build puts them inside the components package


def shipped_folder(folder: str) -> Path:
    """The folder of shipped files ``folder`` (a key of SHIPPED): the wheel's copy when the build
    carried one into the package, else the checkout's own."""
    if folder not in SHIPPED:
        raise KeyError(f"{folder!r} is not shipped (known: {', '.join(SHIPPED)})")
    package = Path(__file__).resolve().parent  # the components package (importlib.resources.files says the
    # same for a package of real files, the only kind supported, and costs ~2 ms of every start to import)
    packaged = package / PACKAGED / folder
    return packaged if packaged.is_dir() else package.parent / folder
