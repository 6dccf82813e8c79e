"""Shared fixtures: the four roles on one plan, and the real-parts switches for CI."""

import os

import pytest

from headway.plans.choices import PlanRole
from headway.testing.factories import MembershipFactory, PlanFactory, UserFactory


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
