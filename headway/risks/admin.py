from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Risk


@admin.register(Risk)
class RiskAdmin(SimpleHistoryAdmin):
    list_display = ("title", "action", "status", "escalated_to", "escalated_on")
    list_filter = ("action__plan", "action__area", "status", "action__owner")
    search_fields = ("title", "action__reference", "action__title", "cause")
    list_select_related = ("action",)
    autocomplete_fields = ("action",)
    readonly_fields = ("version", "raised_in")
