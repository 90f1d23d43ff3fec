"""StreamField blocks shared by every page with a body."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


def validate_link_address(value):
    """A full http(s) address, or a path on this site such as /2027/agenda/tracks/cyber/."""
    if value.startswith("/") and not value.startswith("//"):
        return
    URLValidator(
        schemes=["http", "https"], message="Enter a full web address or a path starting with /."
    )(value)


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to another address, with its text."""

    label = blocks.CharBlock(max_length=80)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False,
        max_length=500,
        validators=[validate_link_address],
        label="Address",
        help_text="Used when no page is chosen: a full web address or a path on this site.",
    )

    class Meta:
        icon = "link"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("page") and not value.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"page": ValidationError("Choose a page or give a URL.")}
            )
        return value


class FigureBlock(blocks.StructBlock):
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/figure_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action_block.html"


class KeyFactBlock(blocks.StructBlock):
    figure = blocks.CharBlock(max_length=40, help_text="The number as it should read, e.g. 11,772")
    label = blocks.CharBlock(max_length=200, help_text="What the number counts.")
    source = blocks.CharBlock(required=False, max_length=200)


class KeyFactsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    facts = blocks.ListBlock(KeyFactBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts_block.html"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="blocks/rich_text_block.html",
    )
    figure = FigureBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_facts = KeyFactsBlock()
    embed = EmbedBlock(
        max_width=800, template="blocks/embed_block.html", help_text="A video or post address."
    )
