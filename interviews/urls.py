"""URLs of the candidate's pages."""

from django.urls import path

from interviews import views

urlpatterns = [
    path("", views.landing, name="landing"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
