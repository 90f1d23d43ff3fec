"""Organisers see every edition's delegate directory and may hide a profile from it; they set
up each edition's meeting times and meeting points."""

from django.db import migrations

GROUP = "Organisers"
# (model, codename, name). Django makes a model's permissions after migrating (post_migrate), too
# late for this migration, so it makes them itself.
PERMISSIONS = [
    ("delegateprofile", "view_delegateprofile", "Can view directory profile"),
    ("delegateprofile", "hide_delegateprofile", "Can hide delegates from the directory"),
    *(
        (model, f"{action}_{model}", f"Can {action} {label}")
        for model, label in [("meetingtime", "meeting time"), ("meetingpoint", "meeting point")]
        for action in ("add", "change", "delete", "view")
    ),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=GROUP).first()
    if group is None:
        return
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="network", model=model)
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
                codename__in=[codename for _, codename, _ in PERMISSIONS],
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("network", "0001_initial"),
        ("conference", "0004_organiser_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
