"""One palette: no colour is written anywhere but core/show/palette.py, and each role has its own colour."""

import re
from pathlib import Path

from core.show import palette

ROOT = Path(__file__).resolve().parent.parent
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}\b|#[0-9A-Fa-f]{3}\b|\brgba?\(")
CODE = ("app.py", "core", "ui", "pages")


def colour_literals():
    found = []
    for name in CODE:
        path = ROOT / name
        for file in [path] if path.is_file() else sorted(path.rglob("*.py")):
            if file == ROOT / "core" / "show" / "palette.py":
                continue
            for number, line in enumerate(file.read_text().splitlines(), start=1):
                if COLOUR.search(line):
                    found.append(f"{file.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_colour_is_written_outside_the_palette():
    assert not colour_literals(), colour_literals()


def test_each_role_has_its_own_colour_and_word():
    assert len({role.colour for role in palette.ROLES}) == len(palette.ROLES)
    assert len({role.word for role in palette.ROLES}) == len(palette.ROLES)
