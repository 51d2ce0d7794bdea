"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from communities import staff_views as views

urlpatterns = [
    path("working-groups/", views.working_group_list, name="working_group_list"),
    path("working-groups/<int:pk>/", views.working_group_detail, name="working_group_detail"),
    path("working-groups/<int:pk>/members/new/", views.member_create, name="member_create"),
    path("working-groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("members/<int:pk>/edit/", views.member_update, name="member_update"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_update, name="meeting_update"),
    path("assessments/", views.assessment_list, name="assessment_list"),
    path("assessments/new/", views.assessment_create, name="assessment_create"),
    path(
        "assessments/communities/",
        views.assessment_communities,
        name="assessment_communities",
    ),
    path("assessments/<int:pk>/", views.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/problems/", views.problem_create, name="problem_create"),
    path("assessments/<int:pk>/rank/", views.assessment_rank, name="assessment_rank"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plan-actions/<int:pk>/", views.plan_action_update, name="plan_action_update"),
    path(
        "plan-actions/<int:pk>/contributions/new/",
        views.contribution_create,
        name="contribution_create",
    ),
]
