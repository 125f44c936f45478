from django.urls import path

from . import account_views, views

app_name = "cadres"

urlpatterns = [
    path("", views.cadre_list, name="cadre_list"),
    path("new/", views.cadre_create, name="cadre_create"),
    path("<int:pk>/", views.cadre_detail, name="cadre_detail"),
    path("<int:pk>/edit/", views.cadre_edit, name="cadre_edit"),
    path("<int:pk>/photo/", views.cadre_photo, name="cadre_photo"),
    path("<int:pk>/lrmx/", views.cadre_lrmx, name="cadre_lrmx"),
    path("<int:pk>/approval-form/", views.cadre_approval_form, name="cadre_approval_form"),
    path("<int:pk>/approval-form/print/", views.cadre_approval_print, name="cadre_approval_print"),
    path("photos/<slug:token>/", views.pending_photo, name="pending_photo"),
    path("<int:pk>/account/", views.cadre_account, name="cadre_account"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("units/<int:pk>/people/add/", account_views.person_add, name="unit_person_add"),
    path("units/<int:pk>/people/<int:membership_pk>/end/", account_views.person_end, name="unit_person_end"),
    path(
        "units/<int:pk>/people/<int:membership_pk>/password/",
        account_views.person_password,
        name="unit_person_password",
    ),
    path(
        "units/<int:pk>/people/<int:membership_pk>/deactivate/",
        account_views.person_deactivate,
        name="unit_person_deactivate",
    ),
]
