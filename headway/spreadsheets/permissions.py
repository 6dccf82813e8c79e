"""Who may do what with a plan's spreadsheets, built on the plan's rules (one place).

Anyone who can see a plan downloads it and the blank template (``get_plan_for_user`` is the
whole rule). Only administrators import a
plan (it can rewrite every action). The plan lead and administrators send out update sheets:
everyone's, or the whole round's in one file. Those who record progress on the plan — the owners
and delegates of its actions, and its lead — download their own sheet and send it back.
"""

from typing import Any

import rules

from headway.plans.models import Plan
from headway.plans.permissions import (
    actions_user_can_update,
    can_manage_plan,
    is_administrator,
    is_plan_lead,
)


@rules.predicate
def records_progress_on_plan(user: Any, plan: Plan | None) -> bool:
    """The plan's lead, or an owner or delegate of one of its actions."""
    if plan is None:
        return False
    return bool(is_plan_lead(user, plan)) or (
        actions_user_can_update(user).filter(plan=plan).exists()
    )


can_import_plan = can_manage_plan
can_send_update_sheets = is_administrator | is_plan_lead
can_return_update_sheet = records_progress_on_plan


def can_download_update_sheet_of(user: Any, plan: Plan, username: str) -> bool:
    """Whose update sheet the user may download: anyone's for those who send them out, else
    only their own."""
    return bool(can_send_update_sheets(user, plan)) or username == user.get_username()
