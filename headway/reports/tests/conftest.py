"""Fixtures for report tests: the source's plan and a draft report on its March 2013 round."""

import pytest

from headway.reports.services import report_create_draft

from .source_plan import make_source_plan


@pytest.fixture
def source(plan, lead):
    """The source document's 56 actions, led by the shared ``lead`` fixture's user."""
    return make_source_plan(lead=lead)


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
