"""Staff URLs for a project's target areas; config.urls gathers them into `staff`."""

from django.urls import path

from communities import area_staff_views as views

urlpatterns = [
    path("projects/<slug:slug>/areas/new/", views.area_create, name="area_create"),
    path("projects/<slug:slug>/areas/places/", views.area_place_fields, name="area_place_fields"),
    path("project-areas/<int:pk>/remove/", views.area_delete, name="area_delete"),
]
