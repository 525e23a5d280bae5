"""Build step: carry the run-time files kept at the top of the repository (examples/, resources/icons/)
into the wheel, under components/_shipped/, where components.shipped finds them.

A step rather than package-data: setuptools' package-data only takes files inside a package's own
folder, and the repository layout keeps these folders at the top level; mapping them as extra
packages would mean listing every package by hand instead of finding them. MANIFEST.in puts the same
folders into the sdist, so a wheel built from the sdist (as `python -m build` does) has them too.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
_SHIPPED_TABLE = runpy.run_path(str(ROOT / "components" / "shipped.py"))  # stdlib only: no dependency needed
SHIPPED: dict[str, str] = _SHIPPED_TABLE["SHIPPED"]
PACKAGED: str = _SHIPPED_TABLE["PACKAGED"]


class BuildWithShippedFiles(build_py):
    """build_py, then copy each shipped folder's files into the built components package."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # an editable install reads the checkout's folders
            return
        for folder, pattern in SHIPPED.items():
            files = sorted((ROOT / folder).glob(pattern))
            if not files:
                raise SystemExit(f"setup.py: no {pattern} in {folder}/ (is MANIFEST.in missing it?)")
            target = Path(self.build_lib, "components", PACKAGED, folder)
            self.mkpath(str(target))
            for source in files:
                self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithShippedFiles})
