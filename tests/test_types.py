"""The maths and the story-agnostic kit keep their type hints: mypy is told to refuse a def without them there,
and every public function in them is annotated (checked here too, so the rule holds without running mypy)."""

import ast
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TYPED_PACKAGES = ("core/models", "core/show")


def modules_where(untyped_defs_allowed):
    """The modules of pyproject's mypy overrides that allow (True) or refuse (False) a def without type hints."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    chosen = set()
    for override in config.get("overrides", []):
        if "disallow_untyped_defs" in override and override["disallow_untyped_defs"] != untyped_defs_allowed:
            modules = override["module"]
            chosen.update([modules] if isinstance(modules, str) else modules)
    return chosen


def strict_modules():
    return modules_where(untyped_defs_allowed=False)


@pytest.mark.parametrize("package", TYPED_PACKAGES)
def test_mypy_refuses_untyped_defs_in(package):
    assert package.replace("/", ".") + ".*" in strict_modules()


def module_name(path):
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def unannotated_public_functions(path):
    missing = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
            arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
            untyped = [a.arg for a in arguments if a.annotation is None and a.arg not in ("self", "cls")]
            if untyped or node.returns is None:
                missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    return missing


@pytest.mark.parametrize("package", TYPED_PACKAGES)
def test_every_public_function_is_annotated_in(package):
    exempt = modules_where(untyped_defs_allowed=True)
    paths = [p for p in sorted((ROOT / package).rglob("*.py")) if module_name(p) not in exempt]
    missing = [name for path in paths for name in unannotated_public_functions(path)]
    assert not missing, "no type hints: " + ", ".join(missing)
