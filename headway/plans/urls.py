from django.urls import path

from . import views

app_name = "plans"

urlpatterns = [
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/areas/<int:number>/", views.area_detail, name="area"),
    path("plans/<slug:slug>/actions/", views.action_list, name="actions"),
    path("plans/<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
]
