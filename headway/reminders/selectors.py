"""Which reminders are due: rounds at a reminder point, and actions whose update is missing."""

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, QuerySet

from headway.plans.choices import PlanRole, UpdateState
from headway.plans.models import Action, PlanMembership, ProgressUpdate, ReviewRound

from .models import ReminderKind

# If cron stopped for a few days, the after-deadline reminder still goes out (once) when it
# restarts, but not weeks later about a round everyone has moved on from.
AFTER_DEADLINE_CATCH_UP_DAYS = 7

# An update counts as given once it has been submitted; a draft or a returned one has not.
GIVEN_STATES = (UpdateState.SUBMITTED, UpdateState.APPROVED)


def record_progress_url(action: Action) -> str:
    """The record-progress form for an action, as an absolute address for an e-mail."""
    return f"{settings.HEADWAY_BASE_URL}/plans/{action.plan.slug}/actions/{action.pk}/progress/"


def reminder_occasions(*, today: dt.date) -> list[tuple[ReviewRound, ReminderKind]]:
    """Open rounds whose deadline is close (or just passed) on ``today``, with the kind due."""
    days_before = dt.timedelta(days=settings.HEADWAY_REMINDER_DAYS_BEFORE)
    catch_up = dt.timedelta(days=AFTER_DEADLINE_CATCH_UP_DAYS)
    open_rounds = ReviewRound.objects.filter(closed_at__isnull=True).select_related("plan")
    occasions = [
        (round, ReminderKind.BEFORE_DEADLINE)
        for round in open_rounds.filter(deadline__gte=today, deadline__lte=today + days_before)
    ]
    occasions += [
        (round, ReminderKind.AFTER_DEADLINE)
        for round in open_rounds.filter(deadline__lt=today, deadline__gte=today - catch_up)
    ]
    return occasions


def actions_missing_update(*, round: ReviewRound) -> QuerySet[Action]:
    """The round's plan's actions with no submitted or approved update in it (one query)."""
    given = ProgressUpdate.objects.filter(
        action=OuterRef("pk"), round=round, state__in=GIVEN_STATES
    )
    return (
        Action.objects.filter(plan_id=round.plan_id)
        .exclude(Exists(given))
        .select_related("owner", "plan")
        .order_by("area__number", "position", "reference")
    )


def plan_leads(*, round: ReviewRound) -> QuerySet:
    return PlanMembership.objects.filter(plan_id=round.plan_id, role=PlanRole.LEAD).select_related(
        "user"
    )
