"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from reports import result_staff_views, staff_views

urlpatterns = [
    path("reports/", staff_views.dashboard, name="reports_dashboard"),
    path("reports/donor/", staff_views.donor_report, name="donor_report"),
    path("reports/donor/report.xlsx", staff_views.donor_report_xlsx, name="donor_report_xlsx"),
    path("reports/donor/report.pdf", staff_views.donor_report_pdf, name="donor_report_pdf"),
    path("reports/donor/prepare/", staff_views.donor_report_prepare, name="donor_report_prepare"),
    path(
        "reports/donor/tables/<str:table>.csv",
        staff_views.donor_report_csv,
        name="donor_report_csv",
    ),
]

# The results framework: periods of result indicators, entered and approved by staff.
urlpatterns += [
    path("results/", result_staff_views.result_list, name="result_list"),
    path(
        "results/indicators/<int:pk>/",
        result_staff_views.result_indicator_detail,
        name="result_indicator_detail",
    ),
    path(
        "results/periods/<int:pk>/",
        result_staff_views.indicator_period_update,
        name="indicator_period_update",
    ),
    path(
        "results/periods/<int:pk>/approve/",
        result_staff_views.indicator_period_approve,
        name="indicator_period_approve",
    ),
    path(
        "results/periods/<int:pk>/reopen/",
        result_staff_views.indicator_period_reopen,
        name="indicator_period_reopen",
    ),
]
