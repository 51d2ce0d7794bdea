from django.urls import path

from grants import views

app_name = "grants"

urlpatterns = [
    path("", views.grant_list, name="grant_list"),
    path("<int:pk>/", views.grant_detail, name="grant_detail"),
    path("programmes/<slug:slug>/", views.programme_detail, name="programme_detail"),
]
