"""The shipped files are found in the components package's own folder, as importlib.resources finds it
(the wheel install test checks an installed wheel; this one the checkout)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from components.shipped import PACKAGED, SHIPPED, shipped_folder


def test_each_shipped_folder_is_where_importlib_resources_puts_the_package() -> None:
    package = Path(str(resources.files("components"))).resolve()
    for folder in SHIPPED:
        packaged = package / PACKAGED / folder
        assert shipped_folder(folder) == (packaged if packaged.is_dir() else package.parent / folder)
        assert shipped_folder(folder).is_dir()
