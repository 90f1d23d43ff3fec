"""The organisers' groups, each with exactly the permissions its work needs, and the
"Programme review" workflow that puts programme editors' agenda changes before a moderator.

- Organisers: every page (from the tree's root) including publishing, every snippet, images,
  documents, redirects, the navigation settings and the registration desk; not users,
  groups, sites or workflows, which stay with superusers.
- Programme editors: add and change the pages of each agenda (sessions), without publishing;
  speakers (which they may publish), tracks, rooms and organisations; upload images.
- Moderators (Wagtail's own group, narrowed to the programme): change, publish and lock
  each agenda's pages and approve or send back changes in the "Programme review" workflow.
- Registration desk: made by registrations/0002 and left as it is.

Agenda pages made later get their permissions and workflow from sessions/roles.py (called
by the admin's page hooks and the demo loader); this migration does the same for the ones
that exist. It copies that small piece of logic rather than import app code.
"""

from django.db import migrations

ORGANISERS = "Organisers"
PROGRAMME_EDITORS = "Programme editors"
MODERATORS = "Moderators"
PROGRAMME_REVIEW = "Programme review"
MODERATORS_REVIEW = "Moderators' review"


def crud(app_label, model, actions=("add", "change", "delete", "view")):
    return [(app_label, model, f"{action}_{model}") for action in actions]


ADMIN = [("wagtailadmin", "admin", "access_admin")]
MODEL_PERMISSIONS = {
    ORGANISERS: [
        *ADMIN,
        *crud("agenda", "track"),
        *crud("conference", "room"),
        *crud("conference", "venue"),
        *crud("conference", "organisation"),
        *crud("speakers", "speaker", ("add", "change", "delete", "view", "publish", "lock")),
        ("speakers", "speaker", "unlock_speaker"),
        ("registrations", "registration", "view_registration"),
        ("registrations", "registration", "change_registration"),
        ("conference", "navigationsettings", "change_navigationsettings"),
        *crud("wagtailredirects", "redirect", ("add", "change", "delete")),
    ],
    PROGRAMME_EDITORS: [
        *ADMIN,
        *crud("agenda", "track", ("add", "change", "view")),
        *crud("conference", "room", ("add", "change", "view")),
        *crud("conference", "organisation", ("add", "change", "view")),
        ("conference", "venue", "view_venue"),
        *crud("speakers", "speaker", ("add", "change", "view", "publish", "lock")),
    ],
    MODERATORS: ADMIN,
}
# Images and documents are granted on the root collection, which Wagtail checks.
COLLECTION_PERMISSIONS = {
    ORGANISERS: [
        *crud("wagtailimages", "image", ("add", "change", "delete", "choose")),
        *crud("wagtaildocs", "document", ("add", "change", "delete", "choose")),
    ],
    PROGRAMME_EDITORS: crud("wagtailimages", "image", ("add", "choose")),
    MODERATORS: [
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}
ROOT_PAGE_PERMISSIONS = {
    ORGANISERS: ["add_page", "bulk_delete_page", "change_page", "lock_page", "publish_page"]
    + ["unlock_page"],
}
# The same as sessions/roles.py AGENDA_PAGE_PERMISSIONS.
AGENDA_PAGE_PERMISSIONS = {
    PROGRAMME_EDITORS: ["add_page", "change_page"],
    MODERATORS: ["change_page", "publish_page", "lock_page", "unlock_page"],
}
# What Wagtail's own migrations gave its "Moderators" group, restored on reversing.
WAGTAIL_MODERATORS = {
    "model": [
        *ADMIN,
        *crud("wagtailimages", "image", ("add", "change", "delete", "choose")),
        *crud("wagtaildocs", "document", ("add", "change", "delete", "choose")),
    ],
    "collection": [
        *crud("wagtailimages", "image", ("add", "change", "choose")),
        *crud("wagtaildocs", "document", ("add", "change", "choose")),
    ],
    "root_page": ["add_page", "change_page", "lock_page", "publish_page", "unlock_page"],
}
# Permissions are normally made after migrating (post_migrate), too late for this
# migration, which makes the ones it needs with the names Django and Wagtail give them.
NAMES = {
    "access_admin": "Can access Wagtail admin",
    "bulk_delete_page": "Delete pages with children",
    "lock_page": "Lock/unlock pages you've locked",
    "publish_page": "Publish any page",
    "unlock_page": "Unlock any page",
}


def permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    if codename in NAMES:
        name = NAMES[codename]
    else:
        action = codename.removesuffix(f"_{model}")
        verbose_name = apps.get_model(app_label, model)._meta.verbose_name
        name = f"Can {action} {verbose_name}"
    found, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def page_permission(apps, codename):
    return permission(apps, "wagtailcore", "page", codename)


def set_group(apps, group, *, model, collection, pages):
    """Give `group` exactly these permissions; `pages` maps page ids to page codenames."""
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    group.permissions.set([permission(apps, *spec) for spec in model])
    GroupCollectionPermission.objects.filter(group=group).delete()
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for spec in collection:
            GroupCollectionPermission.objects.create(
                group=group, collection=root_collection, permission=permission(apps, *spec)
            )
    GroupPagePermission.objects.filter(group=group).delete()
    for page_id, codenames in pages:
        for codename in codenames:
            GroupPagePermission.objects.create(
                group=group, page_id=page_id, permission=page_permission(apps, codename)
            )


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    AgendaPage = apps.get_model("agenda", "AgendaPage")
    root = Page.objects.filter(depth=1).first()
    agenda_ids = list(AgendaPage.objects.values_list("pk", flat=True))

    for name in [ORGANISERS, PROGRAMME_EDITORS, MODERATORS]:
        group, _ = Group.objects.get_or_create(name=name)
        pages = [(agenda_id, AGENDA_PAGE_PERMISSIONS.get(name, [])) for agenda_id in agenda_ids]
        if root is not None and name in ROOT_PAGE_PERMISSIONS:
            pages.append((root.pk, ROOT_PAGE_PERMISSIONS[name]))
        set_group(
            apps,
            group,
            model=MODEL_PERMISSIONS[name],
            collection=COLLECTION_PERMISSIONS[name],
            pages=pages,
        )

    ContentType = apps.get_model("contenttypes", "ContentType")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=MODERATORS_REVIEW, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([Group.objects.get(name=MODERATORS)])
    workflow, _ = Workflow.objects.get_or_create(name=PROGRAMME_REVIEW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for agenda_id in agenda_ids:
        WorkflowPage.objects.get_or_create(page_id=agenda_id, defaults={"workflow": workflow})


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=PROGRAMME_REVIEW).delete()
    apps.get_model("wagtailcore", "GroupApprovalTask").objects.filter(
        name=MODERATORS_REVIEW
    ).delete()
    Group.objects.filter(name__in=[ORGANISERS, PROGRAMME_EDITORS]).delete()
    moderators = Group.objects.filter(name=MODERATORS).first()
    root = Page.objects.filter(depth=1).first()
    if moderators is not None:
        set_group(
            apps,
            moderators,
            model=WAGTAIL_MODERATORS["model"],
            collection=WAGTAIL_MODERATORS["collection"],
            pages=[(root.pk, WAGTAIL_MODERATORS["root_page"])] if root is not None else [],
        )


class Migration(migrations.Migration):
    # After Wagtail's migrations that make its "Moderators" group and give "choose"
    # permissions to every group that can access the admin, so the groups keep exactly
    # the permissions above.
    dependencies = [
        ("conference", "0003_protect_references"),
        ("agenda", "0005_session_sequence"),
        ("speakers", "0002_protect_references"),
        ("registrations", "0002_registration_desk_group"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
