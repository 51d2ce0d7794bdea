"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from communities import (
    activity_staff_views,
    activity_sync_views,
    cycle_staff_views,
    cycle_sync_views,
    translation_staff_views,
)
from communities import staff_views as views

urlpatterns = [
    # Projects as staff see them: their activity log and working groups
    path("projects/", activity_staff_views.project_list, name="project_list"),
    path("projects/<slug:slug>/", activity_staff_views.project_detail, name="project_detail"),
    # Activity log
    path("activities/", activity_staff_views.activity_list, name="activity_list"),
    path("activities/new/", activity_staff_views.activity_create, name="activity_create"),
    path(
        "activities/communities/",
        activity_staff_views.activity_communities,
        name="activity_communities",
    ),
    # The outbox of the installable web app (communities.activity_sync_views)
    path("activities/sync/", activity_sync_views.activity_sync, name="activity_sync"),
    path("offline/manifest.json", activity_sync_views.offline_manifest, name="offline_manifest"),
    path("activities/<int:pk>/", activity_staff_views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", activity_staff_views.activity_update, name="activity_update"),
    path(
        "activities/<int:pk>/translate/",
        activity_staff_views.activity_translate,
        name="activity_translate",
    ),
    path(
        "activities/<int:pk>/submit/", activity_staff_views.activity_submit, name="activity_submit"
    ),
    path(
        "activities/<int:pk>/publish/",
        activity_staff_views.activity_publish,
        name="activity_publish",
    ),
    path(
        "activities/<int:pk>/return/", activity_staff_views.activity_return, name="activity_return"
    ),
    # Working groups and the cycle of security
    path("working-groups/", views.working_group_list, name="working_group_list"),
    path(
        "working-groups/new/", cycle_staff_views.working_group_create, name="working_group_create"
    ),
    path("working-groups/<int:pk>/", views.working_group_detail, name="working_group_detail"),
    path(
        "working-groups/<int:pk>/edit/",
        cycle_staff_views.working_group_update,
        name="working_group_update",
    ),
    path("working-groups/<int:pk>/members/new/", views.member_create, name="member_create"),
    path("working-groups/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path(
        "working-groups/<int:pk>/meetings/sync/",
        cycle_sync_views.meeting_sync,
        name="meeting_sync",
    ),
    path("members/<int:pk>/edit/", views.member_update, name="member_update"),
    path("members/<int:pk>/leave/", cycle_staff_views.member_leave, name="member_leave"),
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
    path("plans/new/", cycle_staff_views.plan_create, name="plan_create"),
    path("plans/communities/", cycle_staff_views.plan_communities, name="plan_communities"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/edit/", cycle_staff_views.plan_update, name="plan_update"),
    path(
        "plans/<int:pk>/translate/",
        translation_staff_views.plan_translate,
        name="plan_translate",
    ),
    path("plans/<int:pk>/approve/", cycle_staff_views.plan_approve, name="plan_approve"),
    path("plans/<int:pk>/revise/", cycle_staff_views.plan_revise, name="plan_revise"),
    path("plans/<int:pk>/close/", cycle_staff_views.plan_close, name="plan_close"),
    path(
        "plans/<int:pk>/actions/new/",
        cycle_staff_views.plan_action_create,
        name="plan_action_create",
    ),
    path(
        "plans/<int:pk>/contributions/new/",
        cycle_staff_views.plan_contribution_create,
        name="plan_contribution_create",
    ),
    path(
        "plan-actions/<int:pk>/edit/", cycle_staff_views.plan_action_edit, name="plan_action_edit"
    ),
    path("plan-actions/<int:pk>/", views.plan_action_update, name="plan_action_update"),
    path("plan-actions/<int:pk>/sync/", cycle_sync_views.plan_action_sync, name="plan_action_sync"),
    path(
        "plan-actions/<int:pk>/contributions/new/",
        cycle_staff_views.action_contribution_create,
        name="contribution_create",
    ),
    path(
        "projects/<slug:slug>/contributions/new/",
        cycle_staff_views.project_contribution_create,
        name="project_contribution_create",
    ),
    path(
        "contributions/<int:pk>/receive/",
        cycle_staff_views.contribution_receive,
        name="contribution_receive",
    ),
    path(
        "contributions/<int:pk>/document/",
        cycle_staff_views.contribution_document,
        name="contribution_document",
    ),
]
