"""Every environment variable the portal's code reads is listed in README.

The names are found in the code itself (every `os.environ` / `os.getenv` read,
every `env…("NAME")` helper call, `dj_database_url.config()`), so a variable
added later fails here until README's table names it.
"""

import ast
import re
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Code that runs the portal; tests, benchmarks and migrations set their own environment.
NOT_PORTAL_CODE = {".venv", "tests", "bench", "migrations", "node_modules", "staticfiles", ".pgdata"}
VARIABLE_NAME = re.compile(r"^[A-Z][A-Z0-9_]+$")


def portal_modules():
    for path in sorted(PROJECT_ROOT.rglob("*.py")):
        if not NOT_PORTAL_CODE.intersection(path.relative_to(PROJECT_ROOT).parts):
            yield path


def dotted_name(node):
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{dotted_name(node.value)}.{node.attr}"
    return ""


def first_string_argument(call):
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def variables_read(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            callee = dotted_name(node.func)
            if callee.endswith("dj_database_url.config") and not any(k.arg == "env" for k in node.keywords):
                yield "DATABASE_URL"
            # os.environ.get / .setdefault / .pop, os.getenv, env_bool, env.int, environ.Env() helpers …
            if "environ" in callee or callee.split(".")[-1].startswith(("env", "getenv")) or callee.startswith("env."):
                name = first_string_argument(node)
                if name and VARIABLE_NAME.match(name):
                    yield name
        elif isinstance(node, ast.Subscript) and dotted_name(node.value).endswith("environ"):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                yield key.value


def variables_in_code():
    found = {}
    for path in portal_modules():
        for name in variables_read(ast.parse(path.read_text(encoding="utf-8"))):
            found.setdefault(name, path.relative_to(PROJECT_ROOT))
    return found


def variables_in_readme():
    """Names in backticks on the rows of README's tables."""
    rows = [line for line in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    return {name for row in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", row)}


def test_the_scan_finds_the_variables_the_settings_are_known_to_read():
    found = variables_in_code()
    # A scan that silently found nothing would pass the next test.
    assert {"DATABASE_URL", "DJANGO_SECRET_KEY", "DJANGO_DEBUG", "REDIS_URL"} <= found.keys()


def test_every_environment_variable_read_is_documented_in_readme():
    undocumented = {name: str(path) for name, path in variables_in_code().items() if name not in variables_in_readme()}
    assert undocumented == {}, f"add these to README's settings table: {undocumented}"
