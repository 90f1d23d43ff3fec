"""What a public page tells search engines and link previews: its title and description,
its canonical address, its image, and whether it may be indexed at all.

`page_meta(context)` reads the template context of any page (components/meta.html shows
the result). It knows no page type by name: a page is described by the fields it has, and a
routable page names the routes worth indexing in `indexed_routes` (route name -> the context
variable holding what that route shows). A routable page's other routes (personal calendars,
registration links) are never indexed, so a new private route is private by default. A page
whose every route is private (the delegate directory) says `indexable = False`.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import get_language, to_locale

from wagtail.models import Site

DESCRIPTION_LENGTH = 160
# Where a description comes from when the editor wrote none, in the order tried: the
# edition's strapline, a page's introduction, a session's abstract, a speaker's short bio,
# a track's strapline or description.
SUMMARY_FIELDS = (
    "strapline",
    "introduction",
    "intro",
    "short_bio",
    "abstract",
    "description",
    "bio",
)
# Shared images: a wide hero at the size link previews ask for, a square portrait. JPEG, which
# every link preview reads (the pages themselves get WebP).
HERO_RENDITION = "fill-1200x630|format-jpeg"
PORTRAIT_RENDITION = "fill-600x600|format-jpeg"
IMAGE_FIELDS = (("photo", PORTRAIT_RENDITION), ("hero_image", HERO_RENDITION))

_BLOCK_END = re.compile(r"<(?:br|/p|/li|/h[1-6]|/div|/blockquote)\b[^>]*>", re.IGNORECASE)


@dataclass(frozen=True)
class SharedImage:
    url: str
    width: int
    height: int
    alt: str

    @property
    def is_wide(self):
        return self.width > self.height


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    canonical_url: str | None  # None for pages search engines should leave out
    og_type: str
    image: SharedImage | None
    site_name: str
    locale: str

    @property
    def noindex(self):
        return self.canonical_url is None

    @property
    def twitter_card(self):
        return "summary_large_image" if self.image and self.image.is_wide else "summary"


def plain_summary(text, limit=DESCRIPTION_LENGTH):
    """Text or rich text as one plain line of at most `limit` characters, cut at a word."""
    flat = " ".join(unescape(strip_tags(_BLOCK_END.sub(" ", text or ""))).split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—")
    return cut + "…"


def summary_of(subject):
    """The first non-empty summary field of a page or snippet, as a plain description."""
    for field in SUMMARY_FIELDS:
        value = getattr(subject, field, None)
        if isinstance(value, str) and value.strip():
            summary = plain_summary(str(value))
            if summary:
                return summary
    return ""


def description_of(subject, edition=None):
    """The editor's search description, else a summary of the subject, else the edition's."""
    written = (getattr(subject, "search_description", "") or "").strip()
    if written:
        return written
    summary = summary_of(subject)
    if summary or edition is None or edition is subject:
        return summary
    return description_of(edition)


def site_for(request):
    return Site.find_for_request(request) if request is not None else None


def site_name(request):
    site = site_for(request)
    return (site.site_name if site else "") or settings.WAGTAIL_SITE_NAME


def absolute_url(request, url):
    """An address on this site made absolute with the site's own root URL, as Wagtail's
    page URLs are; addresses already absolute (a CDN for media) are kept."""
    if not url or re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.IGNORECASE):
        return url
    site = site_for(request)
    if site is not None:
        return site.root_url + url
    return request.build_absolute_uri(url) if request is not None else url


def rendition_url(request, image, spec):
    return absolute_url(request, image.get_rendition(spec).url)


def shared_image(request, image, spec):
    rendition = image.get_rendition(spec)
    return SharedImage(
        url=absolute_url(request, rendition.url),
        width=rendition.width,
        height=rendition.height,
        alt=image.description or image.title,
    )


def _route(page, request):
    """The match of the routable-page route that served this request, if any."""
    if not hasattr(page, "reverse_subpage"):
        return None
    return getattr(request, "routable_resolver_match", None)


def _subject_and_url(page, request, context):
    """What the page shows on this route, and its canonical URL (None: do not index)."""
    if page is None or page.pk is None or not getattr(page, "indexable", True):
        return page, None
    page_url = page.get_full_url(request)
    match = _route(page, request)
    subpath = (
        page.reverse_subpage(match.url_name, args=match.args, kwargs=match.kwargs)
        if match is not None
        else ""
    )
    if not subpath:  # the page itself, or its routable index
        return page, page_url
    subject_variable = getattr(page, "indexed_routes", {}).get(match.url_name)
    subject = context.get(subject_variable) if subject_variable else None
    if subject is None or page_url is None:
        return page, None
    return subject, page_url + subpath


def _title_of(subject):
    for field in ("seo_title", "title", "name"):
        value = getattr(subject, field, "")
        if value:
            return value
    return ""


def _image_of(subject, edition, request):
    for field, spec in IMAGE_FIELDS:
        image = getattr(subject, field, None)
        if image is not None:
            return shared_image(request, image, spec)
    if edition is not None and edition.hero_image_id:
        return shared_image(request, edition.hero_image, HERO_RENDITION)
    return None


def page_meta(context):
    """The PageMeta of the page a template context renders."""
    request = context.get("request")
    page = context.get("page")
    edition = context.get("edition")
    subject, canonical_url = _subject_and_url(page, request, context)
    if subject is None:
        return PageMeta(
            title="",
            description="",
            canonical_url=None,
            og_type="website",
            image=None,
            site_name=site_name(request),
            locale=to_locale(get_language() or settings.LANGUAGE_CODE),
        )
    return PageMeta(
        title=_title_of(subject),
        description=description_of(subject, edition),
        canonical_url=canonical_url,
        # A person (a speaker) is a profile; everything else is a page of the website.
        og_type="profile" if hasattr(subject, "short_bio") else "website",
        image=_image_of(subject, edition, request),
        site_name=site_name(request),
        locale=to_locale(get_language() or settings.LANGUAGE_CODE),
    )
