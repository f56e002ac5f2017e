"""The dependency rule of README ("How the apps fit together"), read from every module's imports.

Every `import` and `from … import` of our packages counts, at the top of a module or inside
a function, and so does a model looked up by name (`apps.get_model("app", …)`): a dependency
hidden behind a string is still a dependency. Migrations are history and are not read.
"""

import ast
import itertools
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

GROUND = {"core"}
SERVICES = GROUND | {"jobs", "outbox", "privacy"}
# Which of our packages each one may import; arrows point down only.
ALLOWED = {
    "core": set(),
    "jobs": {"core"},
    "outbox": {"core", "jobs"},
    "privacy": {"core", "jobs", "outbox"},
    "partners": SERVICES,
    "exchanges": SERVICES | {"partners"},
    "scholars": SERVICES | {"partners"},
    "events": SERVICES | {"partners", "scholars"},
    "incoming": SERVICES | {"partners", "exchanges"},
    "abroad": SERVICES | {"partners", "exchanges"},
    "oia_portal": SERVICES | {"partners", "exchanges", "scholars", "events", "incoming", "abroad"},
}
PACKAGES = set(ALLOWED)


def modules():
    for package in sorted(PACKAGES):
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield package, path


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_names(path):
    """Dotted names of our modules this file imports (`from a.b import c` gives a.b.c and a.b)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", None) == "get_model"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            names.add(node.args[0].value.split(".")[0])
    return {name for name in names if name.split(".")[0] in PACKAGES}


IMPORTS = {(package, path): imported_names(path) for package, path in modules()}


def test_every_package_of_ours_has_a_place_in_the_rule():
    ours = {
        path.name
        for path in ROOT.iterdir()
        if (path / "__init__.py").exists() and path.name not in {"tests", "bench"} and (path / "apps.py").exists()
    }
    assert ours <= PACKAGES


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_package_imports_only_what_the_rule_allows(package):
    wrong = sorted(
        f"{path.relative_to(ROOT)} imports {name}"
        for (owner, path), names in IMPORTS.items()
        if owner == package
        for name in names
        if name.split(".")[0] not in ALLOWED[package] | {package}
    )
    assert not wrong, "\n".join(wrong)


def test_allowed_arrows_have_no_circle():
    for first, second in itertools.permutations(PACKAGES, 2):
        assert not (second in ALLOWED[first] and first in ALLOWED[second]), (first, second)


def test_no_module_of_ours_is_in_an_import_circle():
    """Not even through an import inside a function: such a circle means two modules share a rule."""
    names = {module_name(path) for _package, path in IMPORTS}
    graph = {}
    for (_package, path), imported in IMPORTS.items():
        graph[module_name(path)] = {name for name in imported if name in names} - {module_name(path)}
    # A package's __init__ that gathers its submodules (exchanges.models) is not a circle of theirs.
    for name, targets in graph.items():
        graph[name] = {target for target in targets if not name.startswith(f"{target}.")}
    circles = set()
    for start in graph:
        stack = [(start, (start,))]
        while stack:
            node, trail = stack.pop()
            for target in graph.get(node, ()):
                if target == start:
                    circles.add(" -> ".join(sorted(trail)))
                elif target not in trail and len(trail) < 6:
                    stack.append((target, (*trail, target)))
    assert not circles, "\n".join(sorted(circles))
