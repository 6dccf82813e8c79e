from django.contrib import admin

from .models import Finding, Inspection


class FindingInline(admin.StackedInline):
    model = Finding
    extra = 0
    autocomplete_fields = ("actions",)


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = ("service", "inspectorate", "started_on", "judgement")
    list_filter = ("inspectorate",)
    search_fields = ("service", "inspectorate", "judgement")
    inlines = (FindingInline,)


@admin.register(Finding)
class FindingAdmin(admin.ModelAdmin):
    list_display = ("reference", "text", "inspection", "kind")
    list_filter = ("inspection", "kind", "actions__plan", "actions__area")
    search_fields = ("reference", "text")
    autocomplete_fields = ("actions",)
