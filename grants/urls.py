from django.urls import path

from grants import call_views, views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="grant_list"),
    path("<int:pk>/", views.grant_detail, name="grant_detail"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/call/", call_views.call_detail, name="call_detail"),
    path("programmes/<slug:slug>/apply/", call_views.application_create, name="apply"),
    path(
        "applications/submitted/<str:token>/",
        call_views.application_submitted,
        name="application_submitted",
    ),
    path(
        "applications/confirm/<str:token>/",
        call_views.application_confirm,
        name="application_confirm",
    ),
    path("my-applications/", call_views.my_applications, name="my_applications"),
]
