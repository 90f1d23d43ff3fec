from django.db import migrations


def create_homepage(apps, schema_editor):
    """Replace Wagtail's welcome page with the conference home page at the site root."""
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("conference.HomePage")

    Page.objects.filter(depth=2, slug="home", content_type__app_label="wagtailcore").delete()
    homepage_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="conference")
    homepage = HomePage.objects.create(
        title="IWT Conference",
        draft_title="IWT Conference",
        slug="home",
        content_type=homepage_type,
        locale=Locale.objects.order_by("pk").first(),
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        live=True,
    )
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(
        hostname="localhost", root_page=homepage, is_default_site=True, site_name="IWT Conference"
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("conference.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("conference", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
