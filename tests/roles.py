"""Members of one group each, filling in the admin's forms the way organisers do."""

import json

from bs4 import BeautifulSoup

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import querydict_from_html


def member_of(group_name, username):
    """A user who belongs to `group_name` and to no other group."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def editor_form_data(client, url, form_id="page-edit-form"):
    """The form's data as the browser would post it unchanged.

    StreamFields are drawn by script from a JSON value, so Wagtail's form reader leaves
    them out; empty ones (all these tests use) are posted with a count of nought.
    """
    response = client.get(url)
    assert response.status_code == 200
    data = querydict_from_html(response.content, form_id=form_id)
    form = BeautifulSoup(response.content, "html.parser").find("form", id=form_id)
    for stream in form.select('[data-controller="w-block"]'):
        value, _errors = json.loads(stream["data-w-block-arguments-value"])
        assert value == [], f"{stream['id']} has blocks this helper cannot post"
        data[f"{stream['id']}-count"] = "0"
    return data


def page_permissions(group_name):
    rows = GroupPagePermission.objects.filter(group__name=group_name).select_related(
        "page", "permission"
    )
    return sorted((row.page.title, row.permission.codename) for row in rows)
