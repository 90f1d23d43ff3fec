"""Registrations are no longer in Wagtail's reference index (models.Registration): the
entries made for them before go, so that the edition's usage no longer counts or names
attendees."""

from django.db import migrations


def forget_registrations(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    content_type = ContentType.objects.filter(
        app_label="registrations", model="registration"
    ).first()
    if content_type is not None:
        ReferenceIndex.objects.filter(base_content_type=content_type).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0006_meeting_emails"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forget_registrations, migrations.RunPython.noop)]
