"""Staff workspace URLs of this app; config.urls gathers them into the `staff` namespace."""

urlpatterns: list = []
