from django.urls import path

from . import views

app_name = "living"

urlpatterns = [
    path("<int:pk>/life-support/", views.life_support_edit, name="life_support_edit"),
    path("<int:pk>/care-visits/new/", views.visit_create, name="visit_create"),
    path("<int:pk>/care-visits/<int:visit_pk>/edit/", views.visit_edit, name="visit_edit"),
    path("<int:pk>/care-visits/<int:visit_pk>/delete/", views.visit_delete, name="visit_delete"),
]
