"""One rule for an image's text alternative (ess_site/images.py): the text beside the image, else
the image's description from the image library; one of the two is required."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from agenda.models import EventType
from ess_site.blocks import ImageBlock
from ess_site.images import ALT_TEXT_MISSING
from tests.helpers.events import next_weekday, publish_event


def library_image(description=""):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, "PNG")
    return get_image_model().objects.create(
        title="Local de la permanence", description=description, file=ImageFile(buffer, name="local.png")
    )


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_an_event_image_takes_the_librarys_description_when_its_own_text_is_empty(client, agenda, media):
    image = library_image("La façade du local, rue de la République")
    publish_event(agenda, "avec-image", next_weekday(2), event_type=EventType.WORKSHOP, image=image, image_alt="")
    html = client.get("/agenda/avec-image/").content.decode()
    assert 'alt="La façade du local, rue de la République"' in html
    # The text written beside the image wins.
    publish_event(
        agenda, "avec-texte", next_weekday(3), event_type=EventType.WORKSHOP, image=image, image_alt="Le local"
    )
    assert 'alt="Le local"' in client.get("/agenda/avec-texte/").content.decode()


def test_an_image_without_any_text_is_refused_with_the_rule(agenda, media):
    with pytest.raises(ValidationError) as refused:
        publish_event(agenda, "sans-texte", next_weekday(2), event_type=EventType.WORKSHOP, image=library_image())
    assert refused.value.message_dict["image_alt"] == [ALT_TEXT_MISSING]


def test_the_image_block_follows_the_same_rule(db, media):
    block = ImageBlock()
    described = library_image("Une réunion d'information")
    value = block.clean(block.to_python({"image": described.pk, "alt_text": "", "decorative": False}))
    assert 'alt="Une réunion d&#x27;information"' in block.render(value)
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"image": library_image().pk, "alt_text": "", "decorative": False}))
    assert block.clean(block.to_python({"image": library_image().pk, "alt_text": "", "decorative": True}))
