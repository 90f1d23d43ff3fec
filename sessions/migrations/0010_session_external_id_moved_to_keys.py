"""Ids from earlier imports become external keys. Those files were CSV or frab, and their
source was not recorded: they are kept as the "csv" source's "id:" keys, so re-importing a
CSV file finds its sessions and speakers as before."""

from django.db import migrations

EARLIER_SOURCE = "csv"


def ids_to_keys(apps, schema_editor):
    ExternalKey = apps.get_model("agenda", "ExternalKey")
    SessionPage = apps.get_model("agenda", "SessionPage")
    Speaker = apps.get_model("speakers", "Speaker")
    keys = [
        ExternalKey(source=EARLIER_SOURCE, key=f"id:{external_id}", session_id=pk)
        for pk, external_id in SessionPage.objects.exclude(external_id="").values_list(
            "pk", "external_id"
        )
    ] + [
        ExternalKey(source=EARLIER_SOURCE, key=f"id:{external_id}", speaker_id=pk)
        for pk, external_id in Speaker.objects.exclude(external_id="").values_list(
            "pk", "external_id"
        )
    ]
    ExternalKey.objects.bulk_create(keys)


class Migration(migrations.Migration):
    dependencies = [
        ("agenda", "0009_external_keys_and_imports"),
        ("speakers", "0004_editor_help_text"),
    ]

    operations = [
        migrations.RunPython(ids_to_keys, migrations.RunPython.noop),
        migrations.RemoveField(model_name="sessionpage", name="external_id"),
    ]
