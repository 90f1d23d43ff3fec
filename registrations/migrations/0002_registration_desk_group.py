"""The "Registration desk" group: organisers who list, export and act on registrations
and nothing else in the admin."""

from django.db import migrations

GROUP = "Registration desk"
# (app label, model, codename, name). The registration permissions are normally made
# after migrating (post_migrate), too late for this migration, so it makes them itself.
PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("registrations", "registration", "view_registration", "Can view registration"),
    ("registrations", "registration", "change_registration", "Can change registration"),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def delete_group(apps, schema_editor):
    # The permissions stay: Django makes them for every model, and other groups may use them.
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    # After Wagtail's migrations that give "choose" permissions to every group that can
    # access the admin, so the desk keeps exactly the permissions above.
    dependencies = [
        ("registrations", "0001_initial"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
