"""Ten people at once on one indicator's period: one value in progress, one approved, never two.

PostgreSQL only, where threads really write in parallel (SQLite serialises every writer).
"""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from headway.indicators.models import IndicatorValue
from headway.indicators.services import indicator_value_approve, indicator_value_save_draft
from headway.plans.choices import PlanRole, UpdateState
from headway.testing.factories import (
    IndicatorFactory,
    IndicatorValueFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.postgresql]

THREADS = 10
TIMEOUT = 60
MARCH = dt.date(2013, 3, 1)


def _together(work) -> tuple[list, list]:
    barrier = threading.Barrier(THREADS, timeout=TIMEOUT)
    done, refused = [], []

    def target(n: int) -> None:
        try:
            barrier.wait()
            done.append(work(n))
        except ValidationError as exc:
            refused.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), "a thread is stuck"
    return done, refused


def test_only_one_value_in_progress_for_a_period_whoever_enters_it(plan):
    delegates = [UserFactory(username=f"delegate{n}") for n in range(THREADS)]
    indicator = IndicatorFactory(plan=plan)
    indicator.delegates.add(*delegates)
    done, refused = _together(
        lambda n: indicator_value_save_draft(
            indicator=indicator, period=MARCH, by=delegates[n], value=Decimal(n)
        )
    )
    assert len(done) == 1 and len(refused) == THREADS - 1
    assert all("already has a value in progress" in " ".join(e.messages) for e in refused)
    assert IndicatorValue.objects.filter(indicator=indicator, period=MARCH).count() == 1


def test_two_leads_approving_at_once_approve_once(plan):
    leads = []
    for n in range(THREADS):
        lead = UserFactory(username=f"lead{n}")
        MembershipFactory(plan=plan, user=lead, role=PlanRole.LEAD)
        leads.append(lead)
    indicator = IndicatorFactory(plan=plan)
    IndicatorValueFactory(indicator=indicator, period=MARCH, value=Decimal("10.0"))
    correction = IndicatorValueFactory(
        indicator=indicator, period=MARCH, value=Decimal("9.0"), state=UpdateState.SUBMITTED
    )
    done, refused = _together(lambda n: indicator_value_approve(value=correction, by=leads[n]))
    assert len(done) == 1 and len(refused) == THREADS - 1
    states = sorted(IndicatorValue.objects.values_list("state", flat=True))
    assert states == [UpdateState.APPROVED, UpdateState.SUPERSEDED]
