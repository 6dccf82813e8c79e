"""Who may do what on a plan: the one place these rules live (django-rules predicates).

Administrators (staff) manage every plan. Everyone else sees a plan only through a role on it:
the plan lead approves and closes rounds; an action owner records progress on the actions they
own or are delegated; a reader reads. Views, the API and exports all ask these functions.
"""

from typing import Any

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from .choices import PlanRole, UpdateState
from .models import Action, Plan, PlanMembership, ProgressUpdate


def _is_signed_in(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_administrator(user: Any) -> bool:
    return _is_signed_in(user) and user.is_administrator


def plan_memberships(user: Any) -> list[tuple[int, str, str]]:
    """``(plan id, plan slug, role)`` for each plan the user has a role on, latest plan first:
    one query, kept on the user object for the request (permission checks and the header's
    links all read it)."""
    if not _is_signed_in(user):
        return []
    memberships = user.__dict__.get("_headway_memberships")
    if memberships is None:
        memberships = list(
            PlanMembership.objects.filter(user=user)
            .order_by("-plan__period_start", "plan__title")
            .values_list("plan_id", "plan__slug", "role")
        )
        user.__dict__["_headway_memberships"] = memberships
    return memberships


def _role_on(user: Any, plan_id: int) -> str | None:
    """The user's role on a plan, or None."""
    for member_of, _slug, role in plan_memberships(user):
        if member_of == plan_id:
            return role
    return None


def _plan_id(obj: Plan | Action | Any) -> int:
    if isinstance(obj, Plan):
        return obj.pk
    return obj.plan_id


@rules.predicate
def has_role_on_plan(user: Any, obj: Any) -> bool:
    return obj is not None and _role_on(user, _plan_id(obj)) is not None


@rules.predicate
def is_plan_lead(user: Any, obj: Any) -> bool:
    return obj is not None and _role_on(user, _plan_id(obj)) == PlanRole.LEAD


@rules.predicate
def owns_action(user: Any, action: Action | None) -> bool:
    if action is None or not _is_signed_in(user):
        return False
    if action.owner_id == user.pk:
        return True
    prefetched = getattr(action, "_prefetched_objects_cache", {}).get("delegates")
    if prefetched is not None:  # a page that lists the delegates has them already
        return any(delegate.pk == user.pk for delegate in prefetched)
    return action.delegates.filter(pk=user.pk).exists()


@rules.predicate
def can_see_draft(user: Any, update: ProgressUpdate | None) -> bool:
    """The drafts rule: a draft is its writers' until it is submitted. Its author and the
    action's owner and delegates see it; nobody else does, the plan lead and administrators
    included (they see an update once it is submitted). Any other state is seen by whoever
    may see the plan. ``updates_visible_to`` is the same rule for a queryset."""
    if update is None:
        return False
    if update.state != UpdateState.DRAFT:
        return True
    if not _is_signed_in(user):
        return False
    return update.author_id == user.pk or owns_action(user, update.action)


can_view_plan = is_administrator | has_role_on_plan
can_manage_plan = is_administrator
can_approve_updates = is_administrator | is_plan_lead
can_record_progress = owns_action | is_plan_lead
can_edit_action = is_administrator | is_plan_lead | owns_action
# Setting a plan up (details, areas, rounds, people): administrators, and the plan's own lead.
can_create_plan = is_administrator
can_set_up_plan = is_administrator | is_plan_lead

rules.add_perm("plans.view_plan", can_view_plan)
rules.add_perm("plans.manage_plan", can_manage_plan)
rules.add_perm("plans.approve_updates", can_approve_updates)
rules.add_perm("plans.close_round", can_approve_updates)
rules.add_perm("plans.record_progress", can_record_progress)
rules.add_perm("plans.edit_action", can_edit_action)
rules.add_perm("plans.add_plan", can_create_plan)
rules.add_perm("plans.set_up_plan", can_set_up_plan)


def visible_plans(user: Any) -> QuerySet[Plan]:
    """Plans the user may see (one query when evaluated, after ``plan_memberships``)."""
    if not _is_signed_in(user):
        return Plan.objects.none()
    if user.is_administrator:
        return Plan.objects.all()
    return Plan.objects.filter(pk__in=[plan for plan, _slug, _role in plan_memberships(user)])


def records_progress(user: Any) -> bool:
    """Whether the user owns or is delegated any action: two index lookups, kept on the user
    object for the request. Readers and leads who own nothing are spared the searches for
    actions due and milestones overdue."""
    if not _is_signed_in(user):
        return False
    answer = user.__dict__.get("_headway_records_progress")
    if answer is None:
        answer = (
            Action.objects.filter(owner=user).exists()
            or Action.delegates.through.objects.filter(user=user).exists()
        )
        user.__dict__["_headway_records_progress"] = answer
    return answer


def actions_user_can_update(user: Any) -> QuerySet[Action]:
    """Actions whose progress the user records: owned or delegated (not merely led)."""
    if not _is_signed_in(user):
        return Action.objects.none()
    delegated = Action.delegates.through.objects.filter(user=user).values("action_id")
    # Owner or delegate without a join: each side answered from its own index, no DISTINCT.
    return Action.objects.filter(Q(owner=user) | Q(pk__in=delegated))


def updates_visible_to(user: Any, updates: QuerySet[ProgressUpdate]) -> QuerySet[ProgressUpdate]:
    """``updates`` without the drafts the user may not see (``can_see_draft``), in the query."""
    if not _is_signed_in(user):
        return updates.exclude(state=UpdateState.DRAFT)
    delegated = Action.delegates.through.objects.filter(
        action_id=OuterRef("action_id"), user_id=user.pk
    )
    return updates.filter(
        ~Q(state=UpdateState.DRAFT) | Q(author=user) | Q(action__owner=user) | Exists(delegated)
    )


# --- Lookups that apply these rules: every view finds its plan or action through them.
# A plan the user has no role on answers 404, exactly like one that does not exist, so its
# existence is not leaked.


def get_plan_for_user(request: HttpRequest, slug: str) -> Plan:
    """The plan, if the signed-in user has a role on it (or administers); otherwise 404."""
    plan = get_object_or_404(Plan, slug=slug)
    if not can_view_plan(request.user, plan):
        raise Http404("No plan found")
    return plan


def get_action_for_user(request: HttpRequest, slug: str, pk: int) -> Action:
    """The action of a plan the user can see, with its plan, area and people; otherwise 404."""
    action = get_object_or_404(
        Action.objects.select_related(
            "plan", "area", "owner", "carried_from__plan"
        ).prefetch_related("delegates"),
        pk=pk,
        plan__slug=slug,
    )
    if not can_view_plan(request.user, action.plan):
        raise Http404("No action found")
    return action
