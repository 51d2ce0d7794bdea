"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.urls import path

from reports import staff_views

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
