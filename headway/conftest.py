"""Shared fixtures: the four roles on one plan, and the real-parts switches for CI."""

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings

from headway.plans.choices import PlanRole
from headway.testing.factories import MembershipFactory, PlanFactory, UserFactory

# The hashers production uses, kept for the one test that pins them and their cost.
PRODUCTION_PASSWORD_HASHERS = list(settings.PASSWORD_HASHERS)


def pytest_configure(config) -> None:
    """Each parallel test process keeps a cache of its own, so one test emptying the cache
    leaves the others' alone: with REDIS_URL (CI's PostgreSQL run) keys under a prefix of its
    own, else a cache folder of its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    if settings.REDIS_URL:
        settings.CACHES["default"]["KEY_PREFIX"] = f"headway-test-{worker}"
    else:
        settings.CACHES["default"]["LOCATION"] = str(_cache_folder(worker))


def _cache_folder(worker: str) -> Path:
    return Path(tempfile.gettempdir(), f"headway-test-cache-{os.getpid()}-{worker}")


def pytest_unconfigure(config) -> None:
    if not settings.REDIS_URL:
        shutil.rmtree(_cache_folder(os.environ.get("PYTEST_XDIST_WORKER", "main")), True)


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Tests hash with MD5: PBKDF2 at a million iterations cost 0.3-1.4 s a user and three
    quarters of the suite's time. ``test_passwords`` checks production keeps the slow one."""
    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _media_in_a_temporary_folder(settings, tmp_path) -> None:
    """Files a test stores (evidence, reports, job files) go to its own folder, never data/."""
    settings.MEDIA_ROOT = tmp_path / "media"


# Where background jobs go in tests: run as they are queued, or wait for a real ``db_worker``.
TASKS_RUN_AT_ONCE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
TASKS_IN_THE_DATABASE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def jobs_run_at_once(settings) -> None:
    """Background jobs (imports, publishing, exports) run as they are queued, in the request.
    A test that needs the real worker sets ``TASKS_IN_THE_DATABASE`` and runs ``db_worker``."""
    settings.TASKS = TASKS_RUN_AT_ONCE


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test starts with an empty cache. Cached pages are keyed by the content
    stamp, and a rolled-back test's change rows go with it, so the next test's stamps can repeat
    its stamps over different records."""
    cache.clear()


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """A transaction around one test module, for data its module-scoped fixtures make once.

    Such a fixture asks for ``module_db`` and writes inside ``django_db_blocker.unblock()``.
    Each test still asks for ``db`` and runs in a savepoint inside this transaction, so tests
    never see each other's changes; the whole transaction is rolled back after the module's
    last test, so no other module sees the data. Not for modules with transactional tests
    (``live_server``, ``transaction=True``): those empty the tables between tests.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def plan(db):
    return PlanFactory(slug="test-plan", title="Test Performance Improvement Plan")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", job_title="Performance Manager", is_staff=True)


@pytest.fixture
def lead(plan):
    user = UserFactory(username="lead", job_title="Assistant Director")
    MembershipFactory(plan=plan, user=user, role=PlanRole.LEAD)
    return user


@pytest.fixture
def owner(plan):
    user = UserFactory(username="owner", job_title="Head of Service")
    MembershipFactory(plan=plan, user=user, role=PlanRole.OWNER)
    return user


@pytest.fixture
def reader(plan):
    user = UserFactory(username="reader", job_title="Committee Member")
    MembershipFactory(plan=plan, user=user, role=PlanRole.READER)
    return user


@pytest.fixture
def outsider(db):
    """Signed in, but with no role on the plan."""
    return UserFactory(username="outsider", job_title="Officer of another division")


def require_or_skip(what: str, env_var: str) -> None:
    """Fail in CI (where ``env_var`` is set) when a real part is missing; skip loudly elsewhere."""
    message = f"{what} is not available on this machine"
    if os.environ.get(env_var) or os.environ.get("CI"):
        pytest.fail(f"{message}, and CI requires it", pytrace=False)
    pytest.skip(f"SKIPPED LOUDLY: {message}; install it to run these tests")


def pytest_collection_modifyitems(config, items) -> None:
    """Tests marked for one database engine run in that engine's run of the suite only.

    CI runs the whole suite twice, on SQLite and on PostgreSQL, so every such test runs once;
    the other run deselects it (it is not skipped: nothing here depends on the machine).
    """
    from django.conf import settings

    vendor = "postgresql" if "postgresql" in settings.DATABASES["default"]["ENGINE"] else "sqlite"
    other = {"sqlite": "postgresql", "postgresql": "sqlite"}[vendor]
    keep, drop = [], []
    for item in items:
        (drop if item.get_closest_marker(other) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


# --- Real-browser fixtures, shared by every app's browser tests -------------------------------
# Defined once here: a second session-wide Playwright started from another conftest would find
# the first one's event loop running in this thread and refuse.

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parent.parent / "build" / "frontend" / "vendor" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        require_or_skip("Chromium (/usr/bin/chromium)", "HEADWAY_REQUIRE_BROWSER")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread, so Django's guard against
    # ORM calls from async code is lifted while the browser runs (tests stay synchronous).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _page(browser: Any, live_server: Any, **options: Any):
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda m: m.type == "error" and page.console_errors.append(m.text))
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab with the site's own Content-Security-Policy in force."""
    context, tab = _page(browser, live_server)
    yield tab
    context.close()


def sign_in_by_form(page: Any, username: str) -> None:
    """Sign in as a person does: type the username and password into the sign-in form.

    One browser test signs in this way; the others use the ``sign_in`` fixture's cookie.
    """
    from headway.testing.factories import TEST_PASSWORD

    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", TEST_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


@pytest.fixture
def sign_in(live_server):
    """``sign_in(page, username)`` signs a browser tab in by giving it a session cookie.

    The session is made on the server as the sign-in form makes it (Django's ``login``, through
    the test client's ``force_login``), without loading and typing into the form for every user
    a test signs in as. ``sign_in_by_form`` keeps one test typing the real thing.
    """
    from django.contrib.auth import get_user_model
    from django.test import Client

    def sign_in_by_cookie(page: Any, username: str) -> None:
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )

    return sign_in_by_cookie


@pytest.fixture
def axe_page(browser, live_server):
    """A tab that may inject axe-core (an inline script, which the site's CSP rightly forbids)."""
    if not AXE.exists():
        require_or_skip("axe-core (run `make frontend`)", "HEADWAY_REQUIRE_BROWSER")
    context, tab = _page(browser, live_server, bypass_csp=True)
    yield tab
    context.close()
