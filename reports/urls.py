from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("open-data/", views.open_data, name="open_data"),
    path("sources/", views.sources, name="sources"),
    path("open-data/<slug:slug>/datapackage.json", views.datapackage, name="datapackage"),
    path("open-data/<slug:slug>.<str:fmt>", views.dataset_download, name="dataset_download"),
    path("open-data/iati/<slug:slug>.xml", views.iati_activity, name="iati_activity"),
]
