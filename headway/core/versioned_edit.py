"""One page pattern for editing a record two people may edit at once: the form carries the
version it was read at, and a save over a newer version is refused with both versions shown
side by side (nothing is overwritten unseen)."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .concurrency import StaleVersionError
from .forms import VersionedForm, error_summary

CONFLICT = 409
STALE_MESSAGE = (
    "Someone else saved a newer version while you were editing. Nothing of yours was saved: "
    "compare the two versions below, then save again to keep yours."
)


def versioned_edit(
    request: HttpRequest,
    *,
    instance: Any,
    form_class: type[VersionedForm],
    save: Callable[..., Any],
    template: str,
    context: dict[str, Any],
    done: str,
    next_url: str,
) -> HttpResponse:
    """Show ``form_class`` over ``instance`` and save it through ``save(expected_version=,
    changes=)``. A stale save answers 409 with a table of both versions, and the form now
    carries the saved version, so saving again is a choice made after seeing both."""
    names = [n for n in form_class.base_fields if n != "version"]
    status = 200
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                save(expected_version=form.cleaned_data["version"], changes=form.changes())
            except StaleVersionError as exc:
                yours, saved = form.cleaned_data, exc.current
                context["conflict"] = [
                    (form[n].label, shown(yours.get(n)), shown(getattr(saved, n))) for n in names
                ]
                data = request.POST.copy()
                data["version"] = str(exc.current.version)
                form = form_class(data)
                form.add_error(None, STALE_MESSAGE)
                status = CONFLICT
            except ValidationError as exc:
                add_errors(form, exc)
            else:
                messages.success(request, done)
                return redirect(next_url)
    else:
        initial = {n: getattr(instance, n) for n in names} | {"version": instance.version}
        form = form_class(initial=initial)
    context |= {"form": form, "errors": error_summary(form) if form.is_bound else []}
    return render(request, template, context, status=status)


def shown(value: Any) -> str:
    """A field's value as the conflict table shows it."""
    if value is None or value == "":
        return "—"
    if hasattr(value, "strftime"):
        return value.strftime("%-d %B %Y")
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def add_errors(form: Any, error: ValidationError) -> None:
    """A service's refusal, shown at the top of the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)
