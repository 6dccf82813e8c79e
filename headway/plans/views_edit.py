"""Editing an action: the plan lead and administrators change anything, an owner revises the
timescale only; a save over a newer version is refused with both shown."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

from headway.core.versioned_edit import versioned_edit

from .forms import ActionForm, ActionTimescaleForm
from .permissions import can_approve_updates, can_edit_action, get_action_for_user
from .services import action_update


@require_http_methods(["GET", "POST"])
@login_required
def action_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    action = get_action_for_user(request, slug, pk)
    if not can_edit_action(request.user, action):
        raise PermissionDenied("You cannot edit this action.")
    # The plan lead and administrators change anything; an owner revises the timescale only.
    full = can_approve_updates(request.user, action.plan)
    return versioned_edit(
        request,
        instance=action,
        form_class=ActionForm if full else ActionTimescaleForm,
        save=lambda **kw: action_update(action=action, by=request.user, **kw),
        template="plans/action_edit.html",
        context={"plan": action.plan, "action": action, "full": full},
        done=f"Saved the changes to action {action.reference}.",
        next_url=action.get_absolute_url(),
    )
