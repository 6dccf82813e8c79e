"""The council's Word templates: administrators upload, see and stop using them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_http_methods, require_POST

from headway.plans.permissions import is_administrator

from .council_template import NAMES, TemplateRefused
from .forms import WordTemplateForm
from .models import ReportTemplate
from .word_templates import report_template_remove, report_template_upload


def _administrators_only(request: HttpRequest) -> None:
    if not is_administrator(request.user):
        raise PermissionDenied("Only administrators manage the council's Word templates.")


@require_http_methods(["GET", "POST"])
@login_required
def word_templates(request: HttpRequest) -> HttpResponse:
    _administrators_only(request)
    posted = request.method == "POST"
    form = WordTemplateForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        plan = form.cleaned_data["plan"]
        try:
            report_template_upload(
                data=upload.read(), filename=upload.name, plan=plan, by=request.user
            )
        except TemplateRefused as refused:
            form.add_error("file", str(refused))
        else:
            where = plan.title if plan else "every plan without a template of its own"
            messages.success(request, f"{upload.name} is now the Word template for {where}.")
            return redirect("reports:word_templates")
    templates = [
        (
            template,
            format_html('Stop using<span class="govuk-visually-hidden"> {}</span>', template.name),
        )
        for template in ReportTemplate.objects.select_related("plan", "uploaded_by")
    ]
    names_html = format_html(
        '<ul class="govuk-list govuk-list--bullet">{}</ul>',
        format_html_join("", "<li><code>{}</code></li>", ((name,) for name in NAMES)),
    )
    return render(
        request,
        "reports/word_templates.html",
        {"form": form, "templates": templates, "names_html": names_html},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def word_template_remove(request: HttpRequest, pk: int) -> HttpResponse:
    _administrators_only(request)
    template = get_object_or_404(ReportTemplate, pk=pk)
    report_template_remove(template=template)
    messages.success(request, f"{template.name} is no longer used for new Word files.")
    return redirect("reports:word_templates")
