"""Staff account URLs; config.urls gathers every app's staff URLs into the `staff` namespace."""

from django.urls import path

from core import job_views, pwa
from core import staff as views

urlpatterns = [
    path("login/", views.StaffLoginView.as_view(), name="login"),
    path("logout/", views.StaffLogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    # The installable web app (core.pwa).
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.web_manifest, name="web_manifest"),
    path("offline/", pwa.offline_page, name="offline"),
]

# Job ids are UUIDs; any other text is answered 404 by the view (core.jobs.get_job_for_user).
urlpatterns += [
    path("jobs/<str:pk>/", job_views.job_detail, name="job_detail"),
    path("jobs/<str:pk>/download/", job_views.job_download, name="job_download"),
]
