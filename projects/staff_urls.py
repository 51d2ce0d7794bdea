"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace.

They come before the communities ones there, so ``projects/new/`` is not read as the
project whose slug is "new"."""

from django.urls import path

from projects import staff_views as views

urlpatterns = [
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<slug:slug>/edit/", views.project_update, name="project_update"),
    path("projects/<slug:slug>/partners/new/", views.partner_create, name="partner_create"),
    path("partners/<int:pk>/edit/", views.partner_update, name="partner_update"),
    path("partners/<int:pk>/remove/", views.partner_delete, name="partner_delete"),
    path("projects/<slug:slug>/budget/new/", views.budget_line_create, name="budget_line_create"),
    path("budget-lines/<int:pk>/edit/", views.budget_line_update, name="budget_line_update"),
    path("budget-lines/<int:pk>/remove/", views.budget_line_delete, name="budget_line_delete"),
    path("programmes/new/", views.programme_create, name="programme_create"),
    path(
        "organisations/<int:pk>/translate/",
        views.organisation_translate,
        name="organisation_translate",
    ),
]
