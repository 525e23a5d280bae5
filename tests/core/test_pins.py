"""What a fresh clone installs: upper bounds on every runtime dependency, and constraints.txt (used by
`make`) pinning every package of the test environment to a version the bounds allow."""

from __future__ import annotations

import re
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import ROOT

PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([0-9][^\s;]*)$")


def _requirements(*groups: list[str]) -> list[Requirement]:
    return [Requirement(text) for group in groups for text in group]


def _pins() -> dict[str, Version]:
    pins: dict[str, Version] = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"constraints.txt: not an exact pin: {line!r}"
        pins[canonicalize_name(match.group(1))] = Version(match.group(2))
    return pins


def test_every_runtime_dependency_has_an_upper_bound() -> None:
    for requirement in _requirements(PROJECT["dependencies"]):
        operators = {spec.operator for spec in requirement.specifier}
        assert operators & {"<", "<=", "==", "~="}, f"{requirement} has no upper bound"


def test_pyside_stays_below_6_12_on_python_3_11() -> None:
    pyside = [r for r in _requirements(PROJECT["dependencies"]) if r.name == "PySide6-Essentials"
              and r.marker is not None and r.marker.evaluate({"python_version": "3.11"})]
    assert len(pyside) == 1 and not pyside[0].specifier.contains("6.12.0")


def test_constraints_pin_every_dependency_within_its_bounds() -> None:
    pins = _pins()
    for requirement in _requirements(PROJECT["dependencies"], *PROJECT["optional-dependencies"].values()):
        if requirement.marker is not None and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in pins, f"constraints.txt does not pin {requirement.name}"
        assert requirement.specifier.contains(pins[name], prereleases=True), f"{name}=={pins[name]} breaks {requirement}"


def test_make_installs_with_the_constraints_and_keeps_stress_out_of_make_test() -> None:
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^\$\(STAMP\): pyproject.toml \$\(CONSTRAINTS\)$", makefile, re.MULTILINE)
    assert "pip install -q -c $(CONSTRAINTS) -e '.[test]'" in makefile
    assert "$(PY) -m pytest -m slow" in makefile
    assert "-m 'not slow'" in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["addopts"]
