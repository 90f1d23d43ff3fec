"""Organisers see every edition's delegate directory and may hide a profile from it."""

from django.db import migrations

GROUP = "Organisers"
# (codename, name). Django makes a model's permissions after migrating (post_migrate), too
# late for this migration, so it makes them itself.
PERMISSIONS = [
    ("view_delegateprofile", "Can view directory profile"),
    ("hide_delegateprofile", "Can hide delegates from the directory"),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="network", model="delegateprofile")
    for codename, name in PERMISSIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=GROUP).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="network",
                codename__in=[codename for codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("conference", "0004_organiser_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
