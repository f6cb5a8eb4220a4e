"""constraints.txt, the lock file CI installs with, agrees with pyproject.toml's bounds."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

REPO = Path(__file__).resolve().parents[2]
PYPROJECT = REPO / "pyproject.toml"
LOCK = REPO / "constraints.txt"


def declared_requirements() -> list[Requirement]:
    """The runtime dependencies and every optional group's, as pyproject.toml states them."""
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for group in project.get("optional-dependencies", {}).values():
        lines.extend(group)
    return [Requirement(line) for line in lines]


def locked_versions(text: str) -> dict[str, Version]:
    """Package name -> exact version of each ``name==version`` line of a constraints file."""
    pins: dict[str, Version] = {}
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, separator, version = line.partition("==")
        if not separator or not version.strip():
            raise ValueError(f"constraints.txt: {raw!r} is not an exact pin (name==version)")
        pins[canonicalize_name(name.strip())] = Version(version.strip())
    return pins


def unmet_bounds(requirements: list[Requirement], pins: dict[str, Version]) -> list[str]:
    """One message per requirement that is not pinned, or pinned outside its bounds."""
    problems = []
    for requirement in requirements:
        pinned = pins.get(canonicalize_name(requirement.name))
        if pinned is None:
            problems.append(f"{requirement.name} is not pinned in constraints.txt")
        elif not requirement.specifier.contains(pinned, prereleases=True):
            problems.append(f"{requirement.name}=={pinned} is outside {requirement.specifier}")
    return problems


def test_every_declared_dependency_is_pinned_within_its_bounds() -> None:
    requirements = declared_requirements()
    assert len(requirements) > 10
    assert unmet_bounds(requirements, locked_versions(LOCK.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("name", ["pyshacl", "pylode", "owlready2", "rdflib", "pyoxigraph"])
def test_dependencies_known_to_break_have_upper_bounds(name: str) -> None:
    requirement = next(r for r in declared_requirements() if canonicalize_name(r.name) == name)
    assert any(spec.operator in {"<", "<=", "=="} for spec in requirement.specifier), requirement


def test_a_pin_outside_the_bounds_or_missing_is_reported() -> None:
    requirements = [Requirement("pyshacl>=0.30,<0.41"), Requirement("rdflib>=7.1,<8")]
    pins = locked_versions("pyshacl==0.41.0\n    # via x\n")
    assert unmet_bounds(requirements, pins) == [
        "pyshacl==0.41.0 is outside <0.41,>=0.30",
        "rdflib is not pinned in constraints.txt",
    ]


def test_a_loose_line_in_the_lock_is_refused() -> None:
    with pytest.raises(ValueError, match="not an exact pin"):
        locked_versions("rdflib>=7\n")
