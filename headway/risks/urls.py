from django.urls import path

from . import views

app_name = "risks"

urlpatterns = [
    path("plans/<slug:slug>/risks/", views.risk_register, name="register"),
    path("plans/<slug:slug>/risks/<int:pk>/edit/", views.risk_edit, name="edit"),
]
