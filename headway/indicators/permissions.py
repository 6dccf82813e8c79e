"""Who may do what with indicators. The plan's own rules (``plans.permissions``) decide who sees
a plan and who approves; an indicator adds only who enters its values: its owner and delegates."""

from typing import Any

import rules
from django.db.models import Q, QuerySet

from headway.plans.permissions import can_approve_updates, can_view_plan, is_administrator

from .models import Indicator


def _is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def owns_indicator(user: Any, indicator: Indicator | None) -> bool:
    if indicator is None or not _is_signed_in(user):
        return False
    if indicator.owner_id == user.pk:
        return True
    prefetched = getattr(indicator, "_prefetched_objects_cache", {}).get("delegates")
    if prefetched is not None:
        return any(delegate.pk == user.pk for delegate in prefetched)
    return indicator.delegates.filter(pk=user.pk).exists()


can_view_indicator = can_view_plan
can_enter_values = owns_indicator
can_approve_values = can_approve_updates
can_manage_indicators = is_administrator | can_approve_updates

rules.add_perm("indicators.enter_values", can_enter_values)
rules.add_perm("indicators.approve_values", can_approve_values)


def indicators_user_enters(user: Any) -> QuerySet[Indicator]:
    """Indicators whose values the user enters: owned or delegated."""
    if not _is_signed_in(user):
        return Indicator.objects.none()
    delegated = Indicator.delegates.through.objects.filter(user=user).values("indicator_id")
    return Indicator.objects.filter(Q(owner=user) | Q(pk__in=delegated))
