"""A plan's people: add someone by name or e-mail with a role (inviting them if they have no
account), change a role, take one away. The plan lead or an administrator does this.

Adding is a few questions (who, or whom to invite; which role) kept in the session, then
"check your answers": nothing is written, and no e-mail sent, before it is confirmed.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from headway.accounts.models import User
from headway.accounts.services import person_find, person_invite
from headway.core.versioned_edit import CONFLICT, add_errors

from .choices import PlanRole
from .forms_setup import INVITE, PersonChooseForm, PersonFindForm, PersonInviteForm, RoleForm
from .models import Plan, PlanMembership
from .services import membership_add, membership_change_role, membership_remove
from .views_setup import _answers, _keep, _question, _setup_plan


def _key(plan: Plan) -> str:
    return f"person-{plan.pk}"


def _back(plan: Plan) -> str:
    return reverse("plans:people", args=[plan.slug])


@require_safe
@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    memberships = plan.memberships.select_related("user").order_by(
        "role", "user__first_name", "user__username"
    )
    rows = []
    for membership in memberships:
        person = membership.user
        rows.append(
            {
                "key": {"text": str(person)},
                "value": {
                    "text": f"{membership.get_role_display()} · {person.email or person.username}"
                },
                "actions": {
                    "items": [
                        {
                            "href": reverse(
                                "plans:membership_role", args=[plan.slug, membership.pk]
                            ),
                            "text": "Change role",
                            "visuallyHiddenText": f"of {person}",
                        },
                        {
                            "href": reverse(
                                "plans:membership_remove", args=[plan.slug, membership.pk]
                            ),
                            "text": "Remove",
                            "visuallyHiddenText": str(person),
                        },
                    ]
                },
            }
        )
    return render(
        request,
        "plans/setup/people.html",
        {"plan": plan, "rows": {"rows": rows} if rows else None},
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    """Who? A name or an e-mail address."""
    plan = _setup_plan(request, slug)
    form = PersonFindForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["text"].strip()
        found = person_find(text)
        invite = _as_email(text) if not any(p.email.lower() == text.lower() for p in found) else ""
        if not found and not invite:
            form.add_error(
                "text",
                f"Nobody's name, username or e-mail contains “{text}”. To invite someone "
                "new, enter their e-mail address.",
            )
        else:
            _keep(
                request,
                _key(plan),
                {"text": text, "found": [p.pk for p in found], "invite": invite},
            )
            if not found:
                return redirect("plans:person_invite", slug=plan.slug)
            return redirect("plans:person_choose", slug=plan.slug)
    return _question(
        request,
        form,
        heading="What is their name or e-mail address?",
        caption=plan.title,
        back=_back(plan),
    )


def _as_email(text: str) -> str:
    try:
        validate_email(text)
    except ValidationError:
        return ""
    return text


@require_http_methods(["GET", "POST"])
@login_required
def person_choose(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    answers = _answers(request, _key(plan))
    if not answers or "found" not in answers:
        return redirect("plans:person_add", slug=plan.slug)
    people = list(User.objects.filter(pk__in=answers["found"]).order_by("first_name", "username"))
    form = PersonChooseForm(
        request.POST or None,
        people=people,
        invite=answers["invite"],
        initial={"person": answers.get("user")},
    )
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["person"]
        if choice == INVITE:
            return redirect("plans:person_invite", slug=plan.slug)
        answers = {k: v for k, v in answers.items() if k not in ("full_name", "email")}
        _keep(request, _key(plan), answers | {"user": int(choice)})
        return redirect("plans:person_role", slug=plan.slug)
    return _question(
        request,
        form,
        heading="Who do you want to add?",
        caption=plan.title,
        back=reverse("plans:person_add", args=[plan.slug]),
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_invite_details(request: HttpRequest, slug: str) -> HttpResponse:
    """Someone with no account yet: their name and e-mail address."""
    plan = _setup_plan(request, slug)
    answers = _answers(request, _key(plan))
    if not answers:
        return redirect("plans:person_add", slug=plan.slug)
    form = PersonInviteForm(
        request.POST or None,
        initial={
            "email": answers.get("email") or answers.get("invite"),
            "full_name": answers.get("full_name"),
        },
    )
    if request.method == "POST" and form.is_valid():
        answers.pop("user", None)
        _keep(request, _key(plan), answers | form.cleaned_data)
        return redirect("plans:person_role", slug=plan.slug)
    return _question(
        request,
        form,
        heading="Invite someone new",
        caption=plan.title,
        back=reverse("plans:person_add", args=[plan.slug]),
        intro=(
            "They have no account yet. We will create one and e-mail them a link to set "
            "their password."
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
def person_role(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    answers = _answers(request, _key(plan))
    if not answers or not ("user" in answers or "email" in answers):
        return redirect("plans:person_add", slug=plan.slug)
    form = RoleForm(request.POST or None, initial={"role": answers.get("role")})
    if request.method == "POST" and form.is_valid():
        _keep(request, _key(plan), answers | form.cleaned_data)
        return redirect("plans:person_check", slug=plan.slug)
    return _question(
        request,
        form,
        heading=f"Which role will {_who(answers)} have?",
        caption=plan.title,
        back=reverse("plans:person_add", args=[plan.slug]),
    )


def _who(answers: dict[str, Any]) -> str:
    if "user" in answers:
        person = User.objects.filter(pk=answers["user"]).first()
        return str(person) if person else "they"
    return answers.get("full_name", "they")


@require_http_methods(["GET", "POST"])
@login_required
def person_check(request: HttpRequest, slug: str) -> HttpResponse:
    plan = _setup_plan(request, slug)
    answers = _answers(request, _key(plan))
    if not answers or "role" not in answers:
        return redirect("plans:person_add", slug=plan.slug)
    errors: list[tuple[str, str]] = []
    person = User.objects.filter(pk=answers["user"]).first() if "user" in answers else None
    if request.method == "POST":
        try:
            membership = _add(request, plan, answers, person)
        except ValidationError as exc:
            errors = [(message, "#summary") for message in exc.messages]
        else:
            _keep(request, _key(plan), None)
            invited = (
                " We have e-mailed them a link to set their password." if person is None else ""
            )
            messages.success(
                request,
                f"{membership.user} is now {membership.get_role_display().lower()} on this plan."
                + invited,
            )
            return redirect("plans:people", slug=plan.slug)
    who_change = reverse(
        "plans:person_choose" if person else "plans:person_invite", args=[plan.slug]
    )
    role_change = reverse("plans:person_role", args=[plan.slug])
    rows = [
        _row("Person", str(person) if person else answers["full_name"], who_change, "person"),
        _row(
            "E-mail address",
            (person.email if person else answers["email"]) or "—",
            who_change,
            "e-mail address",
        ),
        _row("Role", PlanRole(answers["role"]).label, role_change, "role"),
    ]
    if person is None:
        rows.append(
            {
                "key": {"text": "Account"},
                "value": {"text": "New: they will get an e-mail with a link to set their password"},
            }
        )
    return render(
        request,
        "plans/setup/check.html",
        {
            "plan": plan,
            "heading": "Check your answers before adding this person",
            "caption": plan.title,
            "rows": {"rows": rows},
            "back": role_change,
            "button": "Add to the plan" if person else "Send the invitation and add to the plan",
            "errors": errors,
        },
        status=CONFLICT if errors else 200,
    )


def _row(label: str, value: str, href: str, hidden: str) -> dict[str, Any]:
    return {
        "key": {"text": label},
        "value": {"text": value},
        "actions": {"items": [{"href": href, "text": "Change", "visuallyHiddenText": hidden}]},
    }


def _add(
    request: HttpRequest, plan: Plan, answers: dict[str, Any], person: User | None
) -> PlanMembership:
    """Invite (if need be) and add, all or nothing: a refused role leaves no account behind."""
    with transaction.atomic():
        if person is None:
            person = person_invite(
                email=answers["email"],
                full_name=answers["full_name"],
                invited_by=request.user,
                request=request,
            )
        return membership_add(plan=plan, user=person, role=answers["role"], by=request.user)


def _membership(plan: Plan, pk: int) -> PlanMembership:
    return get_object_or_404(PlanMembership.objects.select_related("user"), pk=pk, plan=plan)


@require_http_methods(["GET", "POST"])
@login_required
def membership_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _setup_plan(request, slug)
    membership = _membership(plan, pk)
    form = RoleForm(request.POST or None, initial={"role": membership.role})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            membership_change_role(
                membership=membership, role=form.cleaned_data["role"], by=request.user
            )
        except ValidationError as exc:
            add_errors(form, exc)
            status = CONFLICT
        else:
            messages.success(
                request,
                f"{membership.user} is now {membership.get_role_display().lower()} on this plan.",
            )
            return redirect("plans:people", slug=plan.slug)
    return _question(
        request,
        form,
        heading=f"Change the role of {membership.user}",
        caption=plan.title,
        back=_back(plan),
        button="Save changes",
        status=status,
    )


@require_http_methods(["GET", "POST"])
@login_required
def membership_remove_confirm(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = _setup_plan(request, slug)
    membership = _membership(plan, pk)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            membership_remove(membership=membership, by=request.user)
        except ValidationError as exc:
            errors = [(message, "#main-content") for message in exc.messages]
        else:
            messages.success(request, f"{membership.user} no longer has a role on this plan.")
            return redirect("plans:people", slug=plan.slug)
    return render(
        request,
        "plans/setup/remove.html",
        {"plan": plan, "membership": membership, "errors": errors, "back": _back(plan)},
        status=CONFLICT if errors else 200,
    )
