from django.urls import path

from . import views

app_name = "worklog"

urlpatterns = [
    path("<int:pk>/worklog/", views.record_list, name="record_list"),
    path("<int:pk>/worklog/new/", views.record_file, name="record_file"),
    path("<int:pk>/worklog/projects/new/", views.project_add, name="project_add"),
    path("<int:pk>/worklog/projects/<int:project_pk>/", views.project_edit, name="project_edit"),
    path("<int:pk>/worklog/<int:record_pk>/comment/", views.record_comment, name="record_comment"),
]
