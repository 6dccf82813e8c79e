"""The header's links (``{% load plans_nav %}``): which plan's pages the signed-in user reaches.

{% service_navigation as navigation %}{% govuk "service-navigation" params=navigation %}
"""

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from headway.plans.choices import PlanRole
from headway.plans.models import Plan
from headway.plans.permissions import plan_memberships

register = template.Library()

# Context entries a page about one plan may carry instead of the plan itself.
_PLAN_HOLDERS = ("action", "area", "report", "round", "risk")


def _reverse_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def _plan_on_screen(context: template.Context) -> tuple[int | None, str | None]:
    """(id, slug) of the plan the page is about, as far as its context says; slug may be None
    when only the id is known."""
    plan = context.get("plan")
    if isinstance(plan, Plan):
        return plan.pk, plan.slug
    for name in _PLAN_HOLDERS:
        plan_id = getattr(context.get(name), "plan_id", None)
        if isinstance(plan_id, int):
            return plan_id, None
    return None, None


@register.simple_tag(takes_context=True)
def navigation_items(context: template.Context) -> list[dict[str, Any]]:
    """The header's links for the signed-in user (one query, whatever their number of plans).

    Actions and Approvals belong to a plan: the plan the page is about (a plan, or an action,
    outcome area, report, round or risk of it), else the user's most recent plan. Each item has
    ``text`` and ``href``; ``active`` marks the section the page is in, ``current`` the page the
    link points at.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    if user.is_administrator:
        rows = [
            (plan_id, slug, PlanRole.LEAD)
            for plan_id, slug in Plan.objects.values_list("pk", "slug")
        ]
    else:
        rows = list(plan_memberships(user))
    roles = {plan_id: (slug, role) for plan_id, slug, role in rows}
    plan_id, slug = _plan_on_screen(context)
    if plan_id is not None and slug is None:
        slug = roles.get(plan_id, (None, None))[0]
    if slug is None and rows:  # not a page about a plan (or not one of theirs): their newest
        plan_id, slug, _role = rows[0]
    role = roles.get(plan_id, (None, None))[1]
    match = getattr(request, "resolver_match", None)
    section = _section(match)
    path = getattr(request, "path", "")
    items = [_item("Home", reverse("home"), section == "home", path)]
    if slug:
        items.append(
            _item(
                "Actions",
                reverse("plans:actions", kwargs={"slug": slug}),
                section == "actions",
                path,
            )
        )
        approvals = _reverse_or_none("progress:approvals", slug=slug)
        if approvals and role == PlanRole.LEAD:
            items.append(_item("Approvals", approvals, section == "approvals", path))
    items.append(
        _item("Inspections", reverse("inspections:inspections"), section == "inspections", path)
    )
    if user.is_administrator:
        items.append(_item("Admin", reverse("admin:index"), False, path))
    return items


def _item(text: str, href: str, active: bool, path: str) -> dict[str, Any]:
    return {"text": text, "href": href, "active": active, "current": active and href == path}


@register.simple_tag(takes_context=True)
def service_navigation(context: template.Context) -> dict[str, Any]:
    """The parameters of GOV.UK's service navigation: the service's name, the header's links
    and, for a signed-in user, the sign-out button (a POST form: a GET never changes state)."""
    items = navigation_items(context)
    params: dict[str, Any] = {
        "serviceName": "Headway",
        "serviceUrl": reverse("home"),
        "navigation": items,
    }
    request = context.get("request")
    if items and request is not None:
        params["slots"] = {"navigationEnd": _sign_out(request)}
    return params


def _sign_out(request: Any) -> SafeString:
    return format_html(
        '<li class="govuk-service-navigation__item">'
        '<form method="post" action="{}" class="app-sign-out">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<button type="submit" class="app-sign-out__button govuk-service-navigation__link">'
        "Sign out</button></form></li>",
        reverse("logout"),
        get_token(request),
    )


def _section(match: Any) -> str:
    if match is None:
        return ""
    if match.namespace == "inspections":
        return "inspections"
    if match.url_name in ("actions", "action"):
        return "actions"
    if match.url_name and match.url_name.startswith("approv"):
        return "approvals"
    return match.url_name if match.url_name == "home" else ""
