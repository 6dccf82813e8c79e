"""Admin: reports are read here, never edited (publishing and editing go through the services)."""

from django.contrib import admin

from .models import CommitteeReport, PublishedFile


class PublishedFileInline(admin.TabularInline):
    model = PublishedFile
    fields = ("audience", "format", "file", "sha256", "size")
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CommitteeReport)
class CommitteeReportAdmin(admin.ModelAdmin):
    list_display = ("title", "plan", "round", "edition", "state", "published_at")
    list_filter = ("state",)
    search_fields = ("title", "plan__title")
    inlines = [PublishedFileInline]

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
