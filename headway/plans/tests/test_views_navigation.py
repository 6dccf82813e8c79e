"""The header's navigation: what each role is offered (the server checks again on every page),
and for which plan: the plan the page is about, else the user's newest."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from headway.plans.choices import PlanRole
from headway.testing.factories import (
    ActionFactory,
    MembershipFactory,
    OutcomeAreaFactory,
    PlanFactory,
    RiskFactory,
    UserFactory,
)


def _nav(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return html.split('id="navigation"')[1].split("</ul>")[0]


def test_reader_sees_no_approvals_and_no_admin(client, reader, plan):
    nav = _nav(client, reader, reverse("plans:plan", kwargs={"slug": plan.slug}))
    assert reverse("plans:actions", kwargs={"slug": plan.slug}) in nav
    assert "Approvals" not in nav
    assert "Admin" not in nav
    assert "Sign out" in nav


def test_lead_is_offered_the_approvals_queue(client, lead, plan):
    nav = _nav(client, lead, reverse("home"))
    assert reverse("progress:approvals", kwargs={"slug": plan.slug}) in nav


def test_administrator_is_offered_the_admin(client, admin_user, plan):
    nav = _nav(client, admin_user, reverse("home"))
    assert reverse("admin:index") in nav


def test_current_section_is_marked(client, reader, plan):
    nav = _nav(client, reader, reverse("inspections:inspections"))
    current = nav.split("aria-current=")[0].rsplit("<a", 1)[1]
    assert reverse("inspections:inspections") in current
    assert 'aria-current="page"' in nav  # the link is to this very page


def test_a_page_within_a_section_marks_it_without_claiming_to_be_it(client, reader, plan):
    action = ActionFactory(plan=plan)
    nav = _nav(client, reader, action.get_absolute_url())
    current = nav.split('aria-current="true"')[0].rsplit("<a", 1)[1]
    assert reverse("plans:actions", kwargs={"slug": plan.slug}) in current
    assert 'aria-current="page"' not in nav


@pytest.fixture
def two_plans(db):
    """A lead of two plans, the older one's pieces, and the newer plan."""
    older = PlanFactory(slug="older-plan", title="Older plan", period_start=dt.date(2011, 9, 1))
    newer = PlanFactory(slug="newer-plan", title="Newer plan", period_start=dt.date(2012, 9, 1))
    lead = UserFactory(username="lead-of-two", job_title="Assistant Director")
    for plan in (older, newer):
        MembershipFactory(plan=plan, user=lead, role=PlanRole.LEAD)
    area = OutcomeAreaFactory(plan=older, number=1)
    action = ActionFactory(plan=older, area=area)
    risk = RiskFactory(action=action)
    return lead, older, newer, action, risk


def _links(nav):
    return set(re.findall(r'href="([^"]+)"', nav))


def _plan_links(slug):
    return {
        reverse("plans:actions", kwargs={"slug": slug}),
        reverse("progress:approvals", kwargs={"slug": slug}),
    }


def _older_pages(older, action, risk):
    slug = {"slug": older.slug}
    return [
        reverse("plans:plan", kwargs=slug),
        reverse("plans:area", kwargs=slug | {"number": 1}),
        action.get_absolute_url(),
        reverse("plans:action_edit", kwargs=slug | {"pk": action.pk}),
        reverse("plans:actions", kwargs=slug),
        reverse("risks:register", kwargs=slug),
        reverse("risks:edit", kwargs=slug | {"pk": risk.pk}),
        reverse("reports:list", kwargs=slug),
        reverse("progress:approvals", kwargs=slug),
    ]


def test_pages_of_the_older_plan_link_to_its_actions_and_approvals(client, two_plans):
    lead, older, newer, action, risk = two_plans
    for url in _older_pages(older, action, risk):
        links = _links(_nav(client, lead, url))
        assert _plan_links(older.slug) <= links, url
        assert not (_plan_links(newer.slug) & links), url


def test_a_page_about_no_plan_links_to_the_newest_plan(client, two_plans):
    lead, older, newer, _action, _risk = two_plans
    for url in (reverse("home"), reverse("inspections:inspections")):
        links = _links(_nav(client, lead, url))
        assert _plan_links(newer.slug) <= links, url
        assert not (_plan_links(older.slug) & links), url


def test_following_the_plan_costs_no_query(client, two_plans):
    """An older plan's page asks the database as often as the same page of the newest plan."""
    lead, older, newer, action, _risk = two_plans
    newer_action = ActionFactory(plan=newer, area=OutcomeAreaFactory(plan=newer, number=1))
    client.force_login(lead)
    for older_url, newer_url in (
        (action.get_absolute_url(), newer_action.get_absolute_url()),
        (
            reverse("plans:actions", kwargs={"slug": older.slug}),
            reverse("plans:actions", kwargs={"slug": newer.slug}),
        ),
    ):
        counts = []
        for url in (newer_url, older_url):
            client.get(url)  # warm the page's caches alike
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            counts.append(len(queries))
        assert counts[1] == counts[0], older_url
