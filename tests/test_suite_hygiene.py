"""Every test checks something: a test that asserts nothing passes whatever the code does.

Read from the source of every test module (tests/**/test_*.py). A test checks something when its
body (at any depth) holds one of:
- an `assert` whose condition can be false (not a constant, not a non-empty tuple);
- `pytest.raises`, `pytest.warns` or `pytest.fail`;
- a call whose name says it asserts (`assert_accessible`, `django_assert_num_queries`,
  `self.assertEqual`) or a Playwright `expect(...)`;
- a call to a function of the same module that checks something by these rules.
"""

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
RAISING_HELPERS = {"raises", "warns", "fail", "deprecated_call"}


def called_name(call):
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return ""


def can_fail(node):
    return not (isinstance(node.test, ast.Constant) or (isinstance(node.test, ast.Tuple) and node.test.elts))


def checks_something(function, checking_helpers=frozenset()):
    for node in ast.walk(function):
        if isinstance(node, ast.Assert) and can_fail(node):
            return True
        if isinstance(node, ast.Call):
            name = called_name(node)
            if name in RAISING_HELPERS or "assert" in name.lower() or name == "expect" or name in checking_helpers:
                return True
    return False


def unchecked_tests(tree):
    """Names of the tests in a module's syntax tree that check nothing."""
    helpers = {
        node.name: node
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("test_")
    }
    checking = set()
    grew = True
    while grew:  # a helper that calls a checking helper checks too
        grew = False
        for name, helper in helpers.items():
            if name not in checking and checks_something(helper, frozenset(checking)):
                checking.add(name)
                grew = True
    return [
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name.startswith("test_")
        and not checks_something(node, frozenset(checking))
    ]


def suite_modules():
    return sorted(TESTS.rglob("test_*.py"))


def test_every_test_checks_something():
    modules = suite_modules()
    assert len(modules) > 50  # the scan reads the suite, not an empty folder
    unchecked = [
        f"{path.relative_to(TESTS.parent)}::{name}"
        for path in modules
        for name in unchecked_tests(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert unchecked == [], "tests that assert nothing:\n" + "\n".join(unchecked)


@pytest.mark.parametrize(
    ("source", "unchecked"),
    [
        ("def test_a():\n    x = 1\n", ["test_a"]),
        ("def test_a():\n    assert True\n", ["test_a"]),
        ("def test_a():\n    assert (1 == 2, 'always true')\n", ["test_a"]),
        ("def helper():\n    return 1\ndef test_a():\n    helper()\n", ["test_a"]),
        ("class TestA:\n    def test_a(self):\n        pass\n", ["test_a"]),
        ("def test_a():\n    assert 1 == 1\n", []),
        ("import pytest\ndef test_a():\n    with pytest.raises(ValueError):\n        int('x')\n", []),
        ("def test_a(django_assert_num_queries):\n    with django_assert_num_queries(1):\n        pass\n", []),
        ("def test_a(page):\n    expect(page).to_have_title('x')\n", []),
        ("def check(x):\n    assert x\ndef twice(x):\n    check(x)\ndef test_a():\n    twice(1)\n", []),
    ],
)
def test_the_scan_tells_a_test_that_checks_nothing(source, unchecked):
    assert unchecked_tests(ast.parse(source)) == unchecked
