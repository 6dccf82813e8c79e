"""The risk register's part of other apps' pages.

The plan page shows the plan's open risks, but ``plans`` does not depend on ``risks`` (risks
hang off actions): its template asks for them here, ``{% open_risks plan as risks %}``."""

from django import template

from headway.plans.models import Action, Plan, ReviewRound
from headway.risks.models import Risk
from headway.risks.selectors import limited_actions_without_risk, risks_open_on_plan

register = template.Library()


@register.simple_tag
def open_risks(plan: Plan) -> list[Risk]:
    return risks_open_on_plan(plan=plan)


@register.simple_tag
def limited_without_risk(plan: Plan, round: ReviewRound | None) -> list[Action]:
    return limited_actions_without_risk(plan=plan, round=round)
