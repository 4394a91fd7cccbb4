from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("gerer/<str:token>/", views.manage, name="manage"),
    path("desabonner/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
