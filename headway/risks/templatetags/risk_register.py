"""The risk register's part of other apps' pages.

The plan page shows the plan's open risks, but ``plans`` does not depend on ``risks`` (risks
hang off actions): its template asks for them here, ``{% open_risks plan as risks %}``."""

from django import template

from headway.plans.models import Plan
from headway.risks.models import Risk
from headway.risks.selectors import risks_open_on_plan

register = template.Library()


@register.simple_tag
def open_risks(plan: Plan) -> list[Risk]:
    return risks_open_on_plan(plan=plan)
