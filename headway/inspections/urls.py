from django.urls import path

from . import views

app_name = "inspections"

urlpatterns = [
    path("", views.inspection_list, name="inspections"),
    path("<int:pk>/", views.inspection_detail, name="inspection"),
]
