from django.urls import path

from . import views

urlpatterns = [
    path("sign-out/", views.sign_out, name="delegate-sign-out"),
    path("<int:edition_id>/registration/", views.my_registration, name="delegate-registration"),
]
