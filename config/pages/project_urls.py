"""Public pages about projects, organisations and news. They show grants and places as
well, so they are wired here in the top layer; the namespace stays "projects" so every
{% url 'projects:…' %} keeps working."""

from django.urls import path

from communities import feeds
from config.pages import home, search
from config.pages import projects as views

app_name = "projects"

urlpatterns = [
    path("", home.home, name="home"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/feed/", feeds.ProjectNewsFeed(), name="project_feed"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", feeds.LatestNewsFeed(), name="news_feed"),
    path("news/<int:pk>/", views.news_detail, name="news_detail"),
    path("search/", search.search, name="search"),
]
