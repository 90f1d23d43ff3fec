from django.urls import re_path

from . import views

urlpatterns = [
    # References and tokens have fixed alphabets: anything else is not a feed address.
    re_path(
        r"^(?P<reference>[A-Z2-9]{10})/(?P<token>[A-Za-z0-9_-]{20,64})\.ics$",
        views.personal_calendar,
        name="personal-calendar",
    ),
]
