"""Every URL pattern, for every role (and anonymous), GET and POST: the answer the table expects.

The patterns come from the resolver itself, so a new URL without an entry in
``authz_expectations.py`` fails here. A refused request must also leave the database unchanged.
"""

import datetime as dt

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from headway.inspections.models import Finding, Inspection
from headway.plans.choices import UpdateState
from headway.plans.models import Action, ProgressUpdate, ReviewRound
from headway.risks.models import Risk
from headway.testing.factories import (
    ActionFactory,
    OutcomeAreaFactory,
    ProgressUpdateFactory,
    ReviewRoundFactory,
    RiskFactory,
)

from .authz_expectations import EXPECTATIONS, LOGIN, REDIRECT, ROLES, World

# Covered by their own tests: the Django admin (staff only) and the API (token or session).
EXCLUDED_PREFIXES = ("admin/", "api/", "static/", "media/")


def _walk(patterns, prefix: str = "", namespace: str = ""):
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}{entry.namespace}:"
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), route


URL_PATTERNS = sorted(set(_walk(get_resolver().url_patterns)), key=lambda item: item[1])
NAMED = sorted({name for name, _ in URL_PATTERNS if name})


def test_every_url_pattern_has_an_expectation():
    unnamed = [route for name, route in URL_PATTERNS if name is None]
    missing = [name for name in NAMED if name not in EXPECTATIONS]
    assert not unnamed, f"Name these URL patterns so the matrix can cover them: {unnamed}"
    assert not missing, f"Add these URL names to authz_expectations.py: {missing}"


def test_no_expectation_is_left_for_a_url_that_is_gone():
    stale = sorted(set(EXPECTATIONS) - set(NAMED))
    assert not stale, f"These entries name no URL pattern: {stale}"


@pytest.fixture
def world(plan, admin_user, lead, owner, reader, outsider, settings, tmp_path) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"  # evidence and job files stay out of data/
    area = OutcomeAreaFactory(plan=plan, number=1)
    action = ActionFactory(plan=plan, area=area, owner=owner, reference="1.1")
    other = ActionFactory(plan=plan, area=area, owner=owner, reference="1.2")
    rnd = ReviewRoundFactory(plan=plan, as_at=dt.date(2013, 3, 12))
    submitted = ProgressUpdateFactory(action=action, round=rnd, state=UpdateState.SUBMITTED)
    draft = ProgressUpdateFactory(action=other, round=rnd, state=UpdateState.DRAFT)
    inspection = Inspection.objects.create(
        inspectorate="Ofsted", service="Safeguarding", started_on=dt.date(2012, 7, 1)
    )
    finding = Finding.objects.create(inspection=inspection, text="Improve strategy meetings")
    finding.actions.add(action)
    return World(
        plan=plan,
        area=area,
        action=action,
        round=rnd,
        submitted_update=submitted,
        draft_update=draft,
        risk=RiskFactory(action=action),
        inspection=inspection,
        finding=finding,
        users={
            "admin": admin_user,
            "lead": lead,
            "owner": owner,
            "reader": reader,
            "outsider": outsider,
        },
    )


def _fingerprint() -> tuple:
    """What a refused request must not change."""
    return (
        list(ProgressUpdate.objects.order_by("pk").values_list("pk", "state", "version")),
        list(Action.objects.order_by("pk").values_list("pk", "version")),
        list(Risk.objects.order_by("pk").values_list("pk", "version", "status")),
        list(ReviewRound.objects.order_by("pk").values_list("pk", "closed_at")),
    )


def _matches(response, expected) -> bool:
    location = response.get("Location", "")
    if expected == LOGIN:
        return response.status_code == 302 and location.startswith(reverse("login"))
    if expected == REDIRECT:
        return response.status_code == 302 and not location.startswith(reverse("login"))
    return response.status_code == expected


class _RollBack(Exception):
    """Raised to undo one request's writes, so each check starts from the same world."""


@pytest.mark.parametrize("name", [name for name in NAMED if name in EXPECTATIONS])
def test_answers_for_every_role_and_method(client, world, name):
    """One world per URL; each of the twelve requests runs in a savepoint then rolled back."""
    expect = EXPECTATIONS[name]
    wrong = []
    for role in ROLES:
        for method in ("GET", "POST"):
            expected = (expect.get if method == "GET" else expect.post)[role]
            try:
                with transaction.atomic():
                    url = reverse(name, kwargs=expect.kwargs(world) or None)
                    if expect.query:
                        url = f"{url}?{expect.query}"
                    client.logout()
                    if role != "anonymous":
                        client.force_login(world.users[role])
                    before = _fingerprint()
                    if method == "GET":
                        response = client.get(url)
                    else:
                        response = client.post(url, expect.post_data(world))
                    if not _matches(response, expected):
                        got = response.status_code, response.get("Location", "")
                        wrong.append(f"{method} {url} as {role}: expected {expected}, got {got}")
                    elif (method == "GET" or expected in (LOGIN, 403, 404, 405)) and (
                        _fingerprint() != before
                    ):
                        wrong.append(f"{method} {url} as {role} was refused but changed data")
                    raise _RollBack
            except _RollBack:
                pass
    assert not wrong, "\n".join(wrong)
