from django.urls import path

from . import views, views_edit

app_name = "plans"

urlpatterns = [
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/areas/<int:number>/", views.area_detail, name="area"),
    path("plans/<slug:slug>/actions/", views.action_list, name="actions"),
    path("plans/<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("plans/<slug:slug>/actions/<int:pk>/edit/", views_edit.action_edit, name="action_edit"),
]
