from django.urls import path

from . import views, views_edit, views_people, views_rounds, views_setup

app_name = "plans"

urlpatterns = [
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/areas/<int:number>/", views.area_detail, name="area"),
    path("plans/<slug:slug>/actions/", views.action_list, name="actions"),
    path("plans/<slug:slug>/actions/<int:pk>/", views.action_detail, name="action"),
    path("plans/<slug:slug>/actions/<int:pk>/edit/", views_edit.action_edit, name="action_edit"),
    # Creating a plan (outside /plans/, so that no plan's address can be taken by it).
    path("new-plan/", views_setup.plan_new, name="plan_new"),
    path("new-plan/check/", views_setup.plan_new_check, name="plan_new_check"),
    path("new-plan/<slug:step>/", views_setup.plan_new_step, name="plan_new_step"),
    # Setting a plan up.
    path("plans/<slug:slug>/manage/", views_setup.manage, name="manage"),
    path("plans/<slug:slug>/manage/details/", views_setup.details, name="details"),
    path(
        "plans/<slug:slug>/manage/details/<slug:step>/",
        views_setup.details_step,
        name="details_step",
    ),
    path("plans/<slug:slug>/manage/areas/", views_setup.areas, name="areas"),
    path("plans/<slug:slug>/manage/areas/add/", views_setup.area_add, name="area_add"),
    path("plans/<slug:slug>/manage/areas/<int:pk>/", views_setup.area_change, name="area_change"),
    path("plans/<slug:slug>/manage/rounds/", views_rounds.rounds, name="rounds"),
    path("plans/<slug:slug>/manage/rounds/open/", views_rounds.round_open, name="round_open"),
    path(
        "plans/<slug:slug>/manage/rounds/open/check/",
        views_rounds.round_open_check,
        name="round_open_check",
    ),
    path("plans/<slug:slug>/manage/people/", views_people.people, name="people"),
    path("plans/<slug:slug>/manage/people/add/", views_people.person_add, name="person_add"),
    path(
        "plans/<slug:slug>/manage/people/add/choose/",
        views_people.person_choose,
        name="person_choose",
    ),
    path(
        "plans/<slug:slug>/manage/people/add/invite/",
        views_people.person_invite_details,
        name="person_invite",
    ),
    path("plans/<slug:slug>/manage/people/add/role/", views_people.person_role, name="person_role"),
    path(
        "plans/<slug:slug>/manage/people/add/check/",
        views_people.person_check,
        name="person_check",
    ),
    path(
        "plans/<slug:slug>/manage/people/<int:pk>/role/",
        views_people.membership_role,
        name="membership_role",
    ),
    path(
        "plans/<slug:slug>/manage/people/<int:pk>/remove/",
        views_people.membership_remove_confirm,
        name="membership_remove",
    ),
]
