"""The shared StreamField library: every block renders, images need alt text or a decorative flag."""

from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from PIL import Image as PILImage
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document
from wagtail.images.models import Image

from ess_site.blocks import BodyBlock, ImageBlock, LinkBlock
from home.models import ContentPage


def make_image(title="Jardin partagé"):
    buffer = BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ContentFile(buffer.getvalue(), name="jardin.png"))


def test_image_without_alt_text_is_refused_in_french(db):
    block = ImageBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": make_image().pk, "alt_text": "", "decorative": False, "caption": ""}))
    assert "texte alternatif" in str(error.value.block_errors["alt_text"])


def test_decorative_image_needs_no_alt_text(db):
    block = ImageBlock()
    value = block.clean(block.to_python({"image": make_image().pk, "alt_text": "", "decorative": True, "caption": ""}))
    html = block.render(value)
    assert 'alt=""' in html


def test_link_needs_exactly_one_destination():
    block = LinkBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"page": None, "url": ""}))
    assert block.clean(block.to_python({"page": None, "url": "https://www.marseille.fr/"}))["url"]


def test_every_block_renders_on_a_content_page(client, demo_site):
    image = make_image()
    document = Document.objects.create(
        title="Feuille de route (PDF)", file=ContentFile(b"%PDF-1.4 test", name="feuille.pdf")
    )
    body = [
        ("heading", {"text": "Une section", "level": "h2"}),
        ("heading", {"text": "Une sous-section", "level": "h3"}),
        ("paragraph", "<p>Un <b>paragraphe</b>.</p>"),
        (
            "image",
            {
                "image": image.pk,
                "alt_text": "Des habitants plantent un olivier",
                "decorative": False,
                "caption": "Noailles, 2024",
            },
        ),
        ("quote", {"quote": "L'ESS apporte des solutions concrètes.", "attribution": "Feuille de route"}),
        (
            "call_to_action",
            {
                "title": "Passer à l'action",
                "text": "",
                "link": {"page": None, "url": "https://www.marseille.fr/"},
                "link_label": "Découvrir",
            },
        ),
        ("key_figures", {"title": "Chiffres", "figures": [{"value": "40 000", "label": "salariés", "source": ""}]}),
        (
            "faq",
            {"title": "Questions", "items": [{"question": "Qui peut candidater ?", "answer": "<p>Tout le monde.</p>"}]},
        ),
        (
            "table",
            {
                "caption": "Permanences par arrondissement",
                "table": {
                    "data": [["Arrondissement", "Lieu"], ["1er", "Noailles"]],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                },
            },
        ),
        ("document", {"document": document.pk, "title": ""}),
    ]
    page = ContentPage(
        title="Tous les blocs",
        slug="tous-les-blocs",
        body=BodyBlock().to_python([{"type": t, "value": v} for t, v in body]),
    )
    demo_site.add_child(instance=page)
    page.save_revision().publish()

    html = client.get("/tous-les-blocs/").content.decode()
    assert '<h2 class="block-heading">Une section</h2>' in html
    assert '<h3 class="block-heading">Une sous-section</h3>' in html
    assert 'alt="Des habitants plantent un olivier"' in html and "<figcaption>Noailles, 2024</figcaption>" in html
    assert "<blockquote>" in html and "— Feuille de route" in html
    assert 'href="https://www.marseille.fr/">Découvrir</a>' in html
    assert "40 000" in html
    assert "<summary>Qui peut candidater ?</summary>" in html
    assert "<caption>Permanences par arrondissement</caption>" in html and '<th scope="col">Arrondissement</th>' in html
    assert "Feuille de route (PDF)" in html and "(PDF" in html
