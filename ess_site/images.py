"""One rule for an image's text alternative, wherever an editor places an image (a news item's or
an event's image, an image block): the text written beside the image says what it brings to this
page; left empty, the image's own description (Images › the image › « Description ») is used; one
of the two is required (an image block may instead be marked decorative)."""

ALT_TEXT_HELP = (
    "Ce que l'image apporte ici, en une phrase. Laissé vide\u00a0: la description de l'image (menu Images) "
    "est reprise. L'un des deux est obligatoire."
)
ALT_TEXT_MISSING = "Saisissez un texte alternatif ici, ou une description de l'image (menu Images, l'image, «\u00a0Description\u00a0»)."


def alternative_text(image, alt=""):
    """The text alternative shown for `image` with the editor's `alt` beside it."""
    return (alt or "").strip() or (getattr(image, "description", "") or "").strip()
