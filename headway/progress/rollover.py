"""Rolling a plan forward into next year's: the plan's own parts (``plans.rollover``), the
open risks of the actions carried (``risks.services``) and the plan's indicators
(``indicators.services``), in one transaction."""

import datetime as dt

from django.db import transaction

from headway.accounts.models import User
from headway.indicators.services import indicators_carry_forward
from headway.plans.models import Plan
from headway.plans.rollover import RolloverResult, plan_copy_forward
from headway.risks.services import risks_carry_forward


def plan_roll_forward(
    *,
    plan: Plan,
    slug: str,
    title: str = "",
    start: dt.date | None = None,
    by: User | None = None,
) -> RolloverResult:
    """Create the plan that follows ``plan`` with its unfinished actions, their open risks and
    the plan's indicators: all of it or nothing."""
    with transaction.atomic():
        result = plan_copy_forward(plan=plan, slug=slug, title=title, start=start, by=by)
        risks_carry_forward(carried=result.carried, by=by)
        indicators_carry_forward(plan=plan, new_plan=result.plan, carried=result.carried, by=by)
    return result
