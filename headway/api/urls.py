"""The API under /api/v1/: a browsable root, the OpenAPI 3 schema, and one route per entity."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import indicator_views, views

app_name = "api"

router = DefaultRouter()
router.register("plans", views.PlanViewSet, basename="plan")
router.register("areas", views.OutcomeAreaViewSet, basename="area")
router.register("actions", views.ActionViewSet, basename="action")
router.register("milestones", views.MilestoneViewSet, basename="milestone")
router.register("rounds", views.ReviewRoundViewSet, basename="round")
router.register("updates", views.ProgressUpdateViewSet, basename="update")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("inspections", views.InspectionViewSet, basename="inspection")
router.register("findings", views.FindingViewSet, basename="finding")
router.register("indicators", indicator_views.IndicatorViewSet, basename="indicator")
router.register(
    "indicator-values", indicator_views.IndicatorValueViewSet, basename="indicator-value"
)

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("plans/<slug:slug>/scorecard/", indicator_views.plan_scorecard, name="plan-scorecard"),
    path("", include(router.urls)),
]
