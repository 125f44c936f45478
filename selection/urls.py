from django.urls import path

from . import views

app_name = "selection"

urlpatterns = [
    path("", views.cycle_list, name="cycle_list"),
    path("new/", views.cycle_create, name="cycle_create"),
    path("<int:pk>/", views.cycle_detail, name="cycle_detail"),
    path("<int:pk>/needs/new/", views.need_create, name="need_create"),
    path("<int:pk>/publish/", views.cycle_publish, name="cycle_publish"),
    path("<int:pk>/close/", views.cycle_close, name="cycle_close"),
    path("needs/<int:pk>/", views.need_detail, name="need_detail"),
    path("needs/<int:pk>/nominate/", views.nominate, name="nominate"),
    path("needs/<int:pk>/messages/", views.need_message, name="need_message"),
    path("nominations/<int:pk>/decide/", views.nomination_decide, name="nomination_decide"),
    path("nominations/<int:pk>/withdraw/", views.nomination_withdraw, name="nomination_withdraw"),
    path("nominations/<int:pk>/messages/", views.nomination_message, name="nomination_message"),
    path("nominations/<int:pk>/attachment/", views.nomination_attachment, name="nomination_attachment"),
    path("nominations/<int:pk>/lrmx/", views.nomination_lrmx, name="nomination_lrmx"),
]
