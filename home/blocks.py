"""Blocks specific to the home and roadmap pages; the shared library lives in ess_site.blocks."""

from wagtail import blocks

from ess_site.blocks import TEMPLATE_DIR, KeyFigureBlock, LinkBlock


class EntryPointBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="titre", max_length=80)
    text = blocks.TextBlock(label="texte", max_length=240)
    link = LinkBlock(label="destination")
    icon = blocks.ChoiceBlock(
        label="pictogramme",
        choices=[("pin", "Repère"), ("hand", "Accompagnement"), ("calendar", "Agenda"), ("news", "Actualités")],
        default="pin",
    )

    class Meta:
        icon = "link"
        label = "Porte d'entrée"
        template = "home/blocks/entry_point.html"


class AxisBlock(blocks.StructBlock):
    number = blocks.IntegerBlock(label="numéro", min_value=1, max_value=9)
    title = blocks.CharBlock(label="intitulé", max_length=200)
    summary = blocks.TextBlock(label="résumé", max_length=600)
    anchor = blocks.CharBlock(
        label="ancre sur la page de la feuille de route",
        required=False,
        max_length=60,
        help_text="Par exemple «\u00a0axe-1\u00a0»\u00a0: le lien mène directement à la section.",
    )

    class Meta:
        icon = "list-ol"
        label = "Axe"


class RoadmapSectionBlock(blocks.StructBlock):
    """One section of the roadmap, with its own anchor so the table of contents can link to it."""

    anchor = blocks.CharBlock(
        label="ancre", max_length=60, help_text="Identifiant court, sans espace\u00a0: «\u00a0axe-1\u00a0»."
    )
    title = blocks.CharBlock(label="titre", max_length=200)
    body = blocks.RichTextBlock(label="texte", features=["h3", "bold", "italic", "link", "ol", "ul"])
    actions = blocks.ListBlock(
        blocks.CharBlock(label="action", max_length=400), label="actions", required=False, default=[]
    )

    class Meta:
        icon = "doc-full"
        label = "Section"
        template = "home/blocks/roadmap_section.html"


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="nom", max_length=200)
    acronym = blocks.CharBlock(label="sigle", required=False, max_length=30)
    role = blocks.CharBlock(label="rôle dans le programme", max_length=300)
    url = blocks.URLBlock(label="site web", required=False)

    class Meta:
        icon = "group"
        label = "Partenaire"


class StageBlock(blocks.StructBlock):
    title = blocks.CharBlock(label="étape", max_length=120, help_text="Par exemple «\u00a0J'ai une idée\u00a0».")
    body = blocks.RichTextBlock(
        label="comment la Ville et ses partenaires vous aident", features=["bold", "italic", "link", "ul"]
    )

    class Meta:
        icon = "arrow-right"
        label = "Étape du projet"
        template = "home/blocks/stage.html"


__all__ = [
    "EntryPointBlock",
    "AxisBlock",
    "RoadmapSectionBlock",
    "PartnerBlock",
    "StageBlock",
    "KeyFigureBlock",
    "TEMPLATE_DIR",
]
