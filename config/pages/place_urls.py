"""Public places pages (regions, districts, communities, countries). They list projects,
grants and news, so they sit in the top layer; the namespace stays "communities"."""

from django.urls import path

from config.pages import places as views

app_name = "communities"

urlpatterns = [
    path("", views.place_index, name="place_index"),
    path("regions/<str:code>/", views.region_detail, name="region_detail"),
    path("districts/<int:pk>/", views.district_detail, name="district_detail"),
    path("communities/<int:pk>/", views.community_detail, name="community_detail"),
    path("<str:country>/", views.country_detail, name="country_detail"),
]
