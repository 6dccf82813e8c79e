"""What reminders went out, for the performance team to check. A record, so read-only."""

from django.contrib import admin
from django.http import HttpRequest

from .models import LeadDigestSent, ReminderSent


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    list_filter = ["kind", "outcome"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(ReminderSent)
class ReminderSentAdmin(ReadOnlyRecordAdmin):
    list_display = ["action", "round", "kind", "recipient", "outcome", "attempts", "updated_at"]
    list_select_related = ["action", "round", "recipient"]


@admin.register(LeadDigestSent)
class LeadDigestSentAdmin(ReadOnlyRecordAdmin):
    list_display = ["round", "kind", "recipient", "outcome", "attempts", "updated_at"]
    list_select_related = ["round", "recipient"]
