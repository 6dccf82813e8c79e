from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Role", {"fields": ("job_title",)}),
    )
    list_display = ("username", "job_title", "email", "is_staff", "is_active")
    search_fields = ("username", "job_title", "email", "first_name", "last_name")
