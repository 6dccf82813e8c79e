from django.contrib import admin

from .models import LeadDigestSent, ReminderSent


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["action", "round", "kind", "recipient", "outcome", "attempts", "updated_at"]
    list_filter = ["kind", "outcome"]
    readonly_fields = [f.name for f in ReminderSent._meta.fields]


@admin.register(LeadDigestSent)
class LeadDigestSentAdmin(admin.ModelAdmin):
    list_display = ["round", "kind", "recipient", "outcome", "attempts", "updated_at"]
    list_filter = ["kind", "outcome"]
    readonly_fields = [f.name for f in LeadDigestSent._meta.fields]
