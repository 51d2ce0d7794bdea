"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from grants import staff_views as views

urlpatterns = [
    path("grant-reports/", views.grant_report_list, name="grant_report_list"),
    path("grants/<int:pk>/", views.grant_detail, name="grant_detail"),
]
