"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

from django.contrib.auth import views as auth_views
from django.urls import path

from projects import staff_views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="staff/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", staff_views.dashboard, name="dashboard"),
]
