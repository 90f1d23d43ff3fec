"""Who runs an edition's agenda: programme editors change it, moderators review the changes.

The groups and the "Programme review" workflow are made by the migration
conference/migrations/0004_organiser_roles.py. Wagtail grants page permissions on a page
and everything below it, so the programme team gets each agenda page, not the whole site:
`open_agenda_to_programme_team` is called for every new agenda page (wagtail_hooks.py) and
by the demo loader; the migration does the same for the agenda pages that already exist.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

ORGANISERS = "Organisers"
PROGRAMME_EDITORS = "Programme editors"
MODERATORS = "Moderators"
PROGRAMME_REVIEW = "Programme review"

# Programme editors add and change sessions but publish nothing: their changes go to the
# moderators, who may also publish agenda changes directly.
AGENDA_PAGE_PERMISSIONS = {
    PROGRAMME_EDITORS: ["add_page", "change_page"],
    MODERATORS: ["change_page", "publish_page", "lock_page", "unlock_page"],
}


@transaction.atomic
def open_agenda_to_programme_team(*, agenda) -> None:
    """Grant the programme team this agenda page and its sessions, and put its changes
    under the "Programme review" workflow. Running it again changes nothing."""
    permissions = {
        permission.codename: permission
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", content_type__model="page"
        )
    }
    for group in Group.objects.filter(name__in=AGENDA_PAGE_PERMISSIONS):
        for codename in AGENDA_PAGE_PERMISSIONS[group.name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=agenda, permission=permissions[codename]
            )
    workflow = Workflow.objects.filter(name=PROGRAMME_REVIEW, active=True).first()
    if workflow is not None:
        # A workflow an organiser chose for this page in the admin is kept.
        WorkflowPage.objects.get_or_create(page=agenda, defaults={"workflow": workflow})
