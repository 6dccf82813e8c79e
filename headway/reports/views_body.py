"""The pages that edit a body's sections and blocks: a draft report's, or the defaults' a new
report starts from (the organisation's or a plan's).

Every change names the version it was read at; a change over someone else's newer one is refused
and nothing is saved (the page says so and shows the body as it now is). The edits themselves are
``headway.reports.body``'s pure functions, saved through the services.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from headway.core.concurrency import StaleVersionError
from headway.plans.permissions import get_plan_for_user, is_administrator

from . import body as bodies
from .forms import BlockAddForm, BlockForm, BodyActionForm, SectionForm
from .models import ReportDefaults
from .permissions import can_draft_reports
from .selectors import body_numbers, indicator_choices
from .services import report_body_save, report_defaults_save

STALE = (
    "Someone else changed the report while you were looking at it, so nothing was changed. "
    "The page now shows their version: make your change again if it is still needed."
)


@dataclass
class BodyOwner:
    """What a body page edits: a draft report, or a layer of defaults."""

    body: list[dict[str, Any]]
    version: int | None
    title: str
    caption: str
    back: str
    url_name: str  # "reports:body", "reports:plan_defaults_body" or "reports:defaults_body"
    url_kwargs: dict[str, Any]
    save: Callable[..., Any]
    numbers: dict[str, str]
    is_defaults: bool
    plan: Any = None  # the plan whose report or defaults these are (none for the organisation)

    def url(self, page: str = "", **query: str) -> str:
        name = self.url_name + (f"_{page}" if page else "")
        url = reverse(name, kwargs=self.url_kwargs)
        return f"{url}?{urlencode(query)}" if query else url

    def block_url(self, block_id: str) -> str:
        return reverse(f"{self.url_name}_block", kwargs={**self.url_kwargs, "block_id": block_id})


def _owner(request: HttpRequest, kwargs: dict[str, Any]) -> BodyOwner:
    if "pk" in kwargs:
        from .views import _get_report

        report = _get_report(request, kwargs["pk"], drafting=True)
        if not report.is_draft:
            raise PermissionDenied("A published report is never edited; start a new edition.")

        def save(*, body: list[dict[str, Any]], expected_version: int | None) -> Any:
            return report_body_save(
                report=report,
                by=request.user,
                expected_version=expected_version if expected_version is not None else -1,
                body=body,
            )

        return BodyOwner(
            body=report.body or [],
            version=report.version,
            title="The report's sections and paragraphs",
            caption=f"{report.round.title}"
            + (f", edition {report.edition}" if report.edition > 1 else ""),
            back=reverse("reports:edit", kwargs={"pk": report.pk}),
            url_name="reports:body",
            url_kwargs={"pk": report.pk},
            save=save,
            numbers=body_numbers(report=report),
            is_defaults=False,
            plan=report.plan,
        )
    return _defaults_owner(request, kwargs.get("slug"))


def _defaults_owner(request: HttpRequest, slug: str | None) -> BodyOwner:
    from .services import report_default_body

    plan = get_plan_for_user(request, slug) if slug else None
    allowed = can_draft_reports(request.user, plan) if plan else is_administrator(request.user)
    if not allowed:
        raise PermissionDenied("Only administrators, and a plan's lead for it, set its defaults.")
    row = ReportDefaults.objects.filter(key=ReportDefaults.key_for(plan)).first()
    body = report_default_body(plan=plan)

    def save(*, body: list[dict[str, Any]], expected_version: int | None) -> Any:
        return report_defaults_save(
            plan=plan, expected_version=expected_version, by=request.user, body=body
        )

    kwargs = {"slug": plan.slug} if plan else {}
    return BodyOwner(
        body=body,
        version=row.version if row else None,
        title="The sections a new report starts with",
        caption=plan.title if plan else "Report defaults for the organisation",
        back=reverse("reports:plan_defaults", kwargs=kwargs)
        if plan
        else reverse("reports:defaults"),
        url_name="reports:plan_defaults_body" if plan else "reports:defaults_body",
        url_kwargs=kwargs,
        save=save,
        numbers=_plain_numbers(body),
        is_defaults=True,
        plan=plan,
    )


def _plain_numbers(body: list[dict[str, Any]]) -> dict[str, str]:
    return {
        item["id"]: f"{s}.{b}" if section["numbered"] else ""
        for s, section in enumerate(body, start=1)
        for b, item in enumerate(section["blocks"], start=1)
    }


def _version(form: Any) -> int | None:
    return form.cleaned_data.get("version")


def _save(request: HttpRequest, owner: BodyOwner, body: Any, version: int | None) -> bool:
    """Save ``body`` (or say why not); True when saved."""
    try:
        owner.save(body=body, expected_version=version)
    except StaleVersionError:
        messages.error(request, STALE)
        return False
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    return True


def _save_form(owner: BodyOwner, form: Any, body: Any) -> bool:
    """Save ``body`` from a form the officer typed into: when someone else saved first, nothing
    is saved and the form keeps the officer's words, now carrying the version saved (so saving
    again is a choice made after seeing theirs, shown on the page)."""
    try:
        owner.save(body=body, expected_version=_version(form))
    except StaleVersionError as exc:
        form.data = form.data.copy()
        form.data["version"] = str(exc.current.version)
        form.add_error(
            None,
            "Someone else changed the report while you were writing, so nothing was saved. "
            "Your words are still in the form; the report as they left it is shown below. "
            "Save again to add yours to it.",
        )
        return False
    except ValidationError as exc:
        form.add_error(None, exc)
        return False
    return True


@require_http_methods(["GET", "HEAD"])
@login_required
def body_page(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    owner = _owner(request, kwargs)
    return render(request, "reports/report_body.html", {"owner": owner})


@require_POST
@login_required
def body_action(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """Move or remove a block or a section."""
    owner = _owner(request, kwargs)
    form = BodyActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That change could not be made: open the page again.")
        return redirect(owner.url())
    action, target = form.cleaned_data["action"], form.cleaned_data["target"]
    edits = {
        "block_up": lambda b: bodies.move_block(b, block_id=target, step=-1),
        "block_down": lambda b: bodies.move_block(b, block_id=target, step=1),
        "block_remove": lambda b: bodies.remove_block(b, block_id=target),
        "section_up": lambda b: bodies.move_section(b, section_id=target, step=-1),
        "section_down": lambda b: bodies.move_section(b, section_id=target, step=1),
        "section_remove": lambda b: bodies.remove_section(b, section_id=target),
    }
    try:
        body = edits[action](owner.body)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(owner.url())
    losing = _words_lost(owner.body, action, target)
    if losing and not form.cleaned_data["confirm"]:
        # An officer's words cannot be put back: removing them is asked about first.
        return render(
            request,
            "reports/report_body_remove.html",
            {"owner": owner, "form": form, "losing": losing, "action": action, "target": target},
        )
    if _save(request, owner, body, _version(form)):
        messages.success(request, _DONE[action])
    return redirect(owner.url() + (f"#block-{target}" if action.startswith("block_") else ""))


def _words_lost(body: list[dict[str, Any]], action: str, target: str) -> list[dict[str, Any]]:
    """The officer paragraphs a removal would delete (drafted parts and figures can be put
    back, so leaving them out is not asked about)."""
    if action == "block_remove":
        s, b = bodies.find(body, target)
        blocks = [body[s]["blocks"][b]]
    elif action == "section_remove":
        blocks = body[bodies.find_section(body, target)]["blocks"]
    else:
        return []
    return [item for item in blocks if item["kind"] == bodies.OFFICER and item["text"].strip()]


_DONE = {
    "block_up": "Moved up.",
    "block_down": "Moved down.",
    "block_remove": "Removed.",
    "section_up": "Section moved up.",
    "section_down": "Section moved down.",
    "section_remove": "Section removed.",
}


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def block_edit(request: HttpRequest, block_id: str, **kwargs: Any) -> HttpResponse:
    owner = _owner(request, kwargs)
    try:
        s, b = bodies.find(owner.body, block_id)
    except ValidationError as exc:
        raise Http404("No such paragraph") from exc
    item = owner.body[s]["blocks"][b]
    # A figure's words are never typed, nor are a drafted paragraph's in the defaults (a new
    # report drafts its own).
    has_text = item["kind"] == bodies.OFFICER or (
        item["kind"] == bodies.DRAFTED_KIND and not owner.is_defaults
    )
    chart_choices = _chart_choices(owner, item)
    form = BlockForm(
        request.POST if request.method == "POST" else None,
        has_text=has_text,
        chart_choices=chart_choices,
        initial={
            "version": owner.version,
            "text": item["text"],
            "exempt": item["exempt"],
            "charts": item.get("charts", []),
        },
    )
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data.get("text") if has_text else None
        try:
            body = bodies.edit_block(
                owner.body, block_id=block_id, text=text, exempt=form.cleaned_data["exempt"]
            )
            if chart_choices is not None:
                body = bodies.choose_charts(
                    body, block_id=block_id, charts=form.cleaned_data["charts"] or None
                )
        except ValidationError as exc:
            form.add_error("text" if has_text else None, exc)
        else:
            if _save_form(owner, form, body):
                messages.success(request, "Paragraph saved.")
                return redirect(owner.url() + f"#block-{block_id}")
            owner = _owner(request, kwargs)  # the report as it now is, shown below the form
            item = _current(owner.body, block_id)
    return render(
        request,
        "reports/report_block.html",
        {
            "owner": owner,
            "form": form,
            "block": item,
            "label": bodies.label(item),
            "number": owner.numbers.get(block_id, ""),
        },
        status=400 if form.errors else 200,
    )


def _chart_choices(owner: BodyOwner, item: dict[str, Any]) -> list[tuple[str, str]] | None:
    """The plan's indicators to tick for the indicators figure's trend charts (one query);
    ``None`` for any other block, or for the organisation's defaults (no plan to choose from)."""
    if item["source"] != bodies.INDICATORS or item["kind"] != bodies.PLACED_KIND:
        return None
    if owner.plan is None:
        return None
    return indicator_choices(plan=owner.plan)


def _current(body: list[dict[str, Any]], block_id: str) -> dict[str, Any]:
    try:
        s, b = bodies.find(body, block_id)
    except ValidationError:
        return {"kind": bodies.OFFICER, "source": "", "text": "(Removed by them.)"}
    return body[s]["blocks"][b]


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def block_add(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """Add a paragraph before or after a block (``?before=`` / ``?after=``), or at the end of a
    section (``?section=``); or put back a drafted or placed part the body leaves out."""
    owner = _owner(request, kwargs)
    params = request.GET
    anchor = params.get("before") or params.get("after") or ""
    where = "before" if params.get("before") else "after"
    section_id = params.get("section", "")
    try:
        if anchor:
            bodies.find(owner.body, anchor)
        else:
            bodies.find_section(owner.body, section_id)
    except ValidationError as exc:
        raise Http404("No such place in the report") from exc
    form = BlockAddForm(
        request.POST if request.method == "POST" else None,
        missing=bodies.parts_missing(owner.body),
        initial={"version": owner.version, "kind": "officer"},
    )
    if request.method == "POST" and form.is_valid():
        kind = form.cleaned_data["kind"]
        if kind == "officer":
            new = bodies.officer_blocks(form.cleaned_data["text"])
        else:
            part_kind, source = kind.split(":", 1)
            new = [bodies.block(part_kind, source)]
        try:
            body = bodies.add_blocks(
                owner.body, new=new, anchor=anchor, where=where, section_id=section_id
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if _save_form(owner, form, body):
                if new[0]["kind"] == bodies.DRAFTED_KIND and not owner.is_defaults:
                    messages.success(
                        request,
                        "Added. Its words are drafted when you next draft the commentary again, "
                        "or you can write them now.",
                    )
                else:
                    messages.success(request, "Added.")
                return redirect(owner.url() + f"#block-{new[0]['id']}")
            owner = _owner(request, kwargs)
    anchor_number = owner.numbers.get(anchor, "") if anchor else ""
    if anchor:
        place = f"{where} paragraph {anchor_number}" if anchor_number else f"{where} this part"
    else:
        s = bodies.find_section(owner.body, section_id)
        place = f"at the end of section {s + 1}, {owner.body[s]['heading']}"
    return render(
        request,
        "reports/report_block_add.html",
        {"owner": owner, "form": form, "place": place},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def section_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    """A section's heading and numbering (``?section=``), or a new section (``?after=``, or at
    the end)."""
    owner = _owner(request, kwargs)
    section_id = request.GET.get("section", "")
    after = request.GET.get("after", "")
    current = None
    try:
        if section_id:
            current = owner.body[bodies.find_section(owner.body, section_id)]
        elif after:
            bodies.find_section(owner.body, after)
    except ValidationError as exc:
        raise Http404("No such section") from exc
    initial = {"version": owner.version, "numbered": True}
    if current:
        initial.update(heading=current["heading"], numbered=current["numbered"])
    form = SectionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        heading, numbered = form.cleaned_data["heading"], form.cleaned_data["numbered"]
        try:
            if current:
                body = bodies.edit_section(
                    owner.body, section_id=section_id, heading=heading, numbered=numbered
                )
            else:
                body = bodies.add_section(
                    owner.body, heading=heading, after=after, numbered=numbered
                )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            if _save(request, owner, body, _version(form)):
                messages.success(request, "Section saved.")
            return redirect(owner.url())
    return render(
        request,
        "reports/report_section.html",
        {"owner": owner, "form": form, "adding": current is None},
        status=400 if form.errors else 200,
    )
