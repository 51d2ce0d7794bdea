"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from grants import committee_views as committee
from grants import staff_views as views

urlpatterns = [
    path("grant-reports/", views.grant_report_list, name="grant_report_list"),
    path("grants/<int:pk>/", views.grant_detail, name="grant_detail"),
    path("grants/<int:pk>/translate/", views.grant_translate, name="grant_translate"),
    path("grants/<int:pk>/tranches/<int:tranche>/pay/", committee.tranche_pay, name="tranche_pay"),
    path(
        "grant-reports/<int:pk>/upload/",
        committee.grant_report_upload,
        name="grant_report_upload",
    ),
    path(
        "grant-reports/<int:pk>/review/",
        committee.grant_report_review,
        name="grant_report_review",
    ),
    path("committee/", committee.committee_home, name="committee_home"),
    path("committee/<int:pk>/", committee.committee_programme, name="committee_programme"),
    path("committee/<int:pk>/minutes/", committee.decision_minutes, name="decision_minutes"),
    path(
        "committee/<int:pk>/translate/", committee.programme_translate, name="programme_translate"
    ),
    path("applications/<int:pk>/", committee.application_detail, name="application_detail"),
    path("applications/<int:pk>/review/", committee.application_review, name="application_review"),
    path(
        "applications/<int:pk>/translate/",
        committee.application_translate,
        name="application_translate",
    ),
    path(
        "applications/<int:pk>/conflict/",
        committee.application_conflict,
        name="application_conflict",
    ),
    path(
        "applications/<int:pk>/decision/",
        committee.application_decide,
        name="application_decide",
    ),
    path("applications/<int:pk>/letter/", committee.decision_letter, name="decision_letter"),
]
