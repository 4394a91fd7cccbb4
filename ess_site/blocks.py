"""The shared StreamField block library: every editorial page builds its body from these."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .images import ALT_TEXT_HELP, ALT_TEXT_MISSING, alternative_text

TEMPLATE_DIR = "ess_site/blocks/"


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="texte", max_length=200)
    level = blocks.ChoiceBlock(
        label="niveau",
        choices=[("h2", "Titre de section (niveau 2)"), ("h3", "Sous-titre (niveau 3)")],
        default="h2",
        help_text="Respectez la hiérarchie\u00a0: un niveau 3 suit toujours un niveau 2.",
    )

    class Meta:
        icon = "title"
        label = "Titre"
        template = TEMPLATE_DIR + "heading.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="image")
    alt_text = blocks.CharBlock(
        label="texte alternatif",
        required=False,
        max_length=250,
        help_text=ALT_TEXT_HELP + " Sauf image décorative.",
    )
    decorative = blocks.BooleanBlock(
        label="image décorative",
        required=False,
        help_text="Cochez seulement si l'image n'apporte aucune information (elle sera ignorée des lecteurs d'écran).",
    )
    caption = blocks.CharBlock(label="légende", required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not alternative_text(value.get("image"), value.get("alt_text")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "alt_text": ErrorList(
                        [ValidationError(ALT_TEXT_MISSING + " Ou cochez «\u00a0image décorative\u00a0».")]
                    )
                }
            )
        return value

    class Meta:
        icon = "image"
        label = "Image"
        template = TEMPLATE_DIR + "image.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="citation")
    attribution = blocks.CharBlock(label="auteur ou source", required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = TEMPLATE_DIR + "quote.html"


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address (one of the two)."""

    page = blocks.PageChooserBlock(label="page du site", required=False)
    url = blocks.URLBlock(label="ou adresse web", required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "url": ErrorList([ValidationError("Choisissez une page du site ou une adresse web (une seule).")])
                }
            )
        return value

    class Meta:
        icon = "link"
        label = "Lien"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", max_length=120)
    text = blocks.TextBlock(label="texte", required=False, max_length=400)
    link = LinkBlock(label="destination")
    link_label = blocks.CharBlock(
        label="libellé du bouton",
        max_length=60,
        help_text="Un verbe d'action explicite\u00a0: «\u00a0Trouver une structure\u00a0».",
    )

    class Meta:
        icon = "pick"
        label = "Appel à l'action"
        template = TEMPLATE_DIR + "call_to_action.html"


class KeyFigureBlock(blocks.StructBlock):
    value = blocks.CharBlock(
        label="chiffre", max_length=30, help_text="Par exemple «\u00a040 000\u00a0» ou «\u00a092 %\u00a0»."
    )
    label = blocks.CharBlock(label="libellé", max_length=160)
    source = blocks.CharBlock(label="source", required=False, max_length=160)

    class Meta:
        icon = "order"
        label = "Chiffre clé"


class KeyFiguresBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", required=False, max_length=120)
    figures = blocks.ListBlock(KeyFigureBlock(), label="chiffres", min_num=1, max_num=8)

    class Meta:
        icon = "order"
        label = "Chiffres clés"
        template = TEMPLATE_DIR + "key_figures.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="question", max_length=250)
    answer = blocks.RichTextBlock(label="réponse", features=["bold", "italic", "link", "ol", "ul"])


class FAQBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", required=False, max_length=120)
    items = blocks.ListBlock(QuestionBlock(), label="questions", min_num=1)

    class Meta:
        icon = "help"
        label = "Questions fréquentes (accordéon)"
        template = TEMPLATE_DIR + "faq.html"


class AccessibleTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label="titre du tableau", max_length=200, help_text="Obligatoire\u00a0: il annonce le contenu du tableau."
    )
    table = TableBlock(
        label="tableau",
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
        help_text="Cochez «\u00a0La ligne 1 contient des en-têtes\u00a0» pour que le tableau soit lisible par tous.",
    )

    class Meta:
        icon = "table"
        label = "Tableau"
        template = TEMPLATE_DIR + "table.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="document")
    title = blocks.CharBlock(
        label="intitulé", required=False, max_length=200, help_text="Par défaut, le titre du document."
    )

    class Meta:
        icon = "doc-full"
        label = "Document à télécharger"
        template = TEMPLATE_DIR + "document_link.html"


RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "document-link", "ol", "ul", "hr"]


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label="Texte", features=RICH_TEXT_FEATURES, template=TEMPLATE_DIR + "paragraph.html"
    )
    image = ImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    key_figures = KeyFiguresBlock()
    faq = FAQBlock()
    table = AccessibleTableBlock()
    document = DocumentLinkBlock()

    class Meta:
        label = "Contenu"
