"""The house rules of core/ (docs/architecture.md): small modules, no private names across modules, stories
apart, no streamlit in core."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = ROOT / "core"
MAX_LINES = 600
#: Folders of core that hold one story each; none imports another.
STORIES = ("curve", "signals", "feedback", "network", "two_weights")
CORE_MODULES = sorted(CORE.rglob("*.py"))


def module_of(path, root=ROOT):
    return ".".join(path.relative_to(root).with_suffix("").parts).removesuffix(".__init__")


def imports(path, root=ROOT):
    """(module imported, names taken) for every import of a file, relative imports made absolute."""
    module = module_of(path, root).split(".")
    package = module if path.name == "__init__.py" else module[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.append((module, [alias.name for alias in node.names]))
    return found


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda path: module_of(path))
def test_module_is_small(path):
    assert len(path.read_text().splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda path: module_of(path))
def test_no_private_name_crosses_a_module(path):
    taken = [f"{module}.{name}" for module, names in imports(path) for name in names if name.startswith("_")]
    assert not taken, f"{module_of(path)} imports private names: {taken}"


@pytest.mark.parametrize("path", CORE_MODULES, ids=lambda path: module_of(path))
def test_core_never_imports_streamlit(path):
    assert not [module for module, _ in imports(path) if module.split(".")[0] == "streamlit"]


@pytest.mark.parametrize("story", STORIES)
def test_no_story_imports_another(story):
    others = {f"core.{other}" for other in STORIES if other != story}
    for path in sorted((CORE / story).rglob("*.py")):
        for module, names in imports(path):
            reached = {module} | {f"{module}.{name}" for name in names}
            assert not {m for m in reached for other in others if m == other or m.startswith(other + ".")}, (
                f"{module_of(path)} imports another story: {module} {names}"
            )


def test_the_checks_can_fail(tmp_path):
    sample = tmp_path / "core" / "curve" / "sample.py"
    sample.parent.mkdir(parents=True)
    sample.write_text("from ..signals import words\nfrom .charts import _private\nimport streamlit as st\n")
    found = imports(sample, root=tmp_path)
    assert ("core.signals", ["words"]) in found
    assert any(name.startswith("_") for _, names in found for name in names)
    assert any(module == "streamlit" for module, _ in found)
