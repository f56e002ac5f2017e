"""Browser tests: real Chromium (Debian's package) driven by Playwright."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def _staff_groups(transactional_db):
    """Transactional tests flush the tables, groups included: make them again."""
    from django.contrib.auth.models import Group, Permission

    from core.roles import apply_roles

    apply_roles(Group, Permission)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Run axe-core on the page and fail with the violations listed."""

    def check(page):
        results = axe.run(page)
        violations = results.response["violations"]
        summary = "\n".join(
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:5]}" for v in violations
        )
        assert not violations, f"axe-core violations on {page.url}:\n{summary}"

    return check
