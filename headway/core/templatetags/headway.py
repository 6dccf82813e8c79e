from fractions import Fraction
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse

from headway.core.fractions import format_count
from headway.plans.choices import PlanRole, Status
from headway.plans.models import Plan
from headway.plans.permissions import plan_memberships

register = template.Library()


@register.filter
def count(value: Fraction | int | None) -> str:
    """``{{ cell|count }}`` prints 6½ rather than 6.5."""
    if value is None:
        return ""
    return format_count(value)


def _reverse_or_none(name: str, **kwargs: Any) -> str | None:
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return None


@register.simple_tag(takes_context=True)
def navigation_items(context: template.Context) -> list[dict[str, Any]]:
    """The header's links for the signed-in user (one query, whatever their number of plans).

    Actions and Approvals belong to a plan: the plan on screen, else the user's most recent one.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    current_plan = context.get("plan")
    if user.is_administrator:
        rows = [(slug, PlanRole.LEAD) for slug in Plan.objects.values_list("slug", flat=True)]
    else:
        rows = [(slug, role) for _plan_id, slug, role in plan_memberships(user)]
    roles = dict(rows)
    slug = current_plan.slug if isinstance(current_plan, Plan) else (rows[0][0] if rows else None)
    match = getattr(request, "resolver_match", None)
    section = _section(match)
    items = [{"text": "Home", "href": reverse("home"), "current": section == "home"}]
    if slug:
        items.append(
            {
                "text": "Actions",
                "href": reverse("plans:actions", kwargs={"slug": slug}),
                "current": section == "actions",
            }
        )
        approvals = _reverse_or_none("progress:approvals", slug=slug)
        if approvals and roles.get(slug) == PlanRole.LEAD:
            items.append(
                {"text": "Approvals", "href": approvals, "current": section == "approvals"}
            )
    items.append(
        {
            "text": "Inspections",
            "href": reverse("inspections:inspections"),
            "current": section == "inspections",
        }
    )
    if user.is_administrator:
        items.append({"text": "Admin", "href": reverse("admin:index"), "current": False})
    return items


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


# --- Statuses: tags and counts (the chart is drawn by ``headway.plans.charts``).

STATUS_TAG_CLASSES = {
    Status.ACHIEVED: "govuk-tag--green",
    Status.SIGNIFICANT_PROGRESS: "govuk-tag--blue",
    Status.LIMITED_PROGRESS_RISK: "govuk-tag--red",
    Status.NOT_STARTED: "govuk-tag--grey",
    Status.DROPPED: "govuk-tag--grey",
}


@register.filter
def status_tag_class(status: Status | str) -> str:
    return STATUS_TAG_CLASSES.get(Status(status), "govuk-tag--grey")


@register.filter
def at(counts: Any, status: Status | str) -> Fraction:
    """``{{ area.counts|at:status }}``: a status's count (templates cannot index by variable)."""
    return counts[status]


@register.simple_tag
def page_numbers(page: Any) -> list[Any]:
    """Page numbers around the current one, with the paginator's ellipsis for the gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


@register.filter
def http_url(value: str | None) -> str:
    """The address if it is http(s), else "": a stored ``javascript:`` link must never be clickable,
    even if it reached the database without passing a form's validation (an import, the shell)."""
    text = (value or "").strip()
    return text if text.lower().startswith(("https://", "http://")) else ""
