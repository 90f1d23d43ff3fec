from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("speakers", "0004_editor_help_text"),
        ("agenda", "0010_session_external_id_moved_to_keys"),  # which copies the ids first
    ]

    operations = [
        migrations.RemoveConstraint(model_name="speaker", name="unique_speaker_external_id"),
        migrations.RemoveField(model_name="speaker", name="external_id"),
    ]
