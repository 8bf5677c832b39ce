"""The locks pin every install, agree with the ranges they were resolved from, and are what is installed."""

from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent


def requirement_lines(path):
    """The requirement lines of a pip file: no comments, no blank lines, no options such as ``-r``."""
    lines = []
    for line in (ROOT / path).read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            lines.append(line)
    return lines


def pins(lock):
    """``{name: version}`` for every package of a lock; every line must pin one exact version."""
    pinned = {}
    for line in requirement_lines(lock):
        requirement = Requirement(line)
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", f"{lock}: {line!r} is not pinned"
        pinned[canonicalize_name(requirement.name)] = specifiers[0].version
    return pinned


@pytest.mark.parametrize(
    ("ranges", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_every_range_is_pinned_inside_it(ranges, lock):
    pinned = pins(lock)
    for line in requirement_lines(ranges):
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pinned, f"{name} ({ranges}) is missing from {lock}: run `make upgrade`"
        assert requirement.specifier.contains(pinned[name], prereleases=True), (
            f"{lock} pins {name}=={pinned[name]}, outside {ranges}'s {requirement.specifier}: run `make upgrade`"
        )


def test_both_locks_agree_on_every_run_time_package():
    run_time, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert run_time.keys() <= development.keys()
    assert {name: development[name] for name in run_time} == run_time


def test_what_is_installed_is_what_the_lock_pins():
    wrong = {}
    for name, version in pins("requirements-dev.lock").items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version:
            wrong[name] = (installed, version)
    assert not wrong, f"installed vs locked: {wrong} (run `make check`, which installs from the lock)"
