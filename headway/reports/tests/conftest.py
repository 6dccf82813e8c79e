"""Fixtures for report tests: the source's plan and a draft report on its March 2013 round."""

import pytest

from headway.reports.services import report_create_draft

from .source_plan import SourcePlan, make_source_plan


@pytest.fixture
def source(plan, lead):
    """The source document's 56 actions, led by the shared ``lead`` fixture's user."""
    return make_source_plan(lead=lead)


@pytest.fixture(scope="module")
def module_source(module_db, django_db_blocker) -> SourcePlan:
    """The ``source`` fixture's plan (and the shared ``plan`` and ``lead``) made once for a module.

    A module whose tests only read the source's plan, or change it inside their own test,
    uses ``shared_source`` as its ``source``: making 56 actions with their updates and risks
    through the factories is most of what such a test takes.
    """
    from headway.plans.choices import PlanRole
    from headway.testing.factories import MembershipFactory, PlanFactory, UserFactory

    with django_db_blocker.unblock():
        plan = PlanFactory(slug="test-plan", title="Test Performance Improvement Plan")
        lead = UserFactory(username="lead", job_title="Assistant Director")
        MembershipFactory(plan=plan, user=lead, role=PlanRole.LEAD)
        return make_source_plan(lead=lead)


@pytest.fixture
def shared_source(module_source, db) -> SourcePlan:
    """The module's source plan, its rows read afresh for each test (no cached relations)."""
    from django.contrib.auth import get_user_model

    from headway.plans.models import Plan, ReviewRound

    return SourcePlan(
        plan=Plan.objects.get(pk=module_source.plan.pk),
        round=ReviewRound.objects.get(pk=module_source.round.pk),
        previous_round=ReviewRound.objects.get(pk=module_source.previous_round.pk),
        lead=get_user_model().objects.get(pk=module_source.lead.pk),
    )


@pytest.fixture
def draft(source, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return report_create_draft(plan=source.plan, round=source.round, by=source.lead)


@pytest.fixture
def source_reader(source):
    """A reader (e.g. a committee member) on the source's plan."""
    from headway.plans.choices import PlanRole
    from headway.testing.factories import MembershipFactory, UserFactory

    user = UserFactory(username="committee-member", job_title="Committee Member")
    MembershipFactory(plan=source.plan, user=user, role=PlanRole.READER)
    return user


@pytest.fixture(autouse=True)
def _jobs_run_at_once(jobs_run_at_once):
    """Publishing is a background job: here it runs as it is queued."""
