from importlib.util import find_spec

from django.urls import include, path

from . import views

app_name = "plans"

urlpatterns = [
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/areas/<int:number>/", views.area_detail, name="area"),
    path("plans/<slug:slug>/actions/", views.action_list, name="actions"),
    path("plans/<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
]

# The progress forms (record, approve, close a round, edit) are written alongside; their
# patterns join this namespace once their module exists.
if find_spec("headway.plans.urls_progress") is not None:
    urlpatterns.append(path("", include("headway.plans.urls_progress")))
