from django.urls import path

from . import views

urlpatterns = [
    path(
        "<str:reference>/<str:token>.ics",
        views.personal_calendar,
        name="personal-calendar",
    ),
]
