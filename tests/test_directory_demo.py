"""Demo directory: the programme's structures, nothing invented, idempotent."""

import pytest

import geography as geo
from directory import demo
from directory.models import LocationSource, Organisation
from tests.helpers.commands import run_command


@pytest.mark.django_db
def test_demo_structures_are_loaded_once_and_never_overwritten(demo_site):
    names = set(Organisation.objects.values_list("name", flat=True))
    for expected in (
        "France Active Provence-Alpes-Côte d'Azur",
        "Marseille Solutions",
        "Inter-Made",
        "Les Têtes de l'Art",
        "L'Après M",
        "Régie de quartier Noailles-Belsunce",
    ):
        assert expected in names
    count = Organisation.objects.count()
    regie = Organisation.objects.get(source_id="regie-noailles-belsunce")
    regie.short_description = "Texte revu par la rédaction."
    regie.save()
    assert demo.load() == 0
    run_command("load_demo_content")
    assert Organisation.objects.count() == count
    assert Organisation.objects.get(pk=regie.pk).short_description == "Texte revu par la rédaction."


@pytest.mark.django_db
def test_no_contact_or_street_is_invented(demo_site):
    for organisation in Organisation.objects.filter(source=demo.SOURCE):
        assert organisation.address == organisation.phone == organisation.email == ""
    regie = Organisation.objects.get(source_id="regie-noailles-belsunce")
    assert regie.location_source == LocationSource.ARRONDISSEMENT
    assert (regie.latitude, regie.longitude) == geo.postcode_reference_point("13001")
    assert Organisation.objects.get(source_id="l-apres-m").latitude is None


@pytest.mark.django_db
def test_generated_organisations_are_synthetic_and_spread_over_the_city():
    run_command("generate_directory", "--count", "32")
    synthetic = Organisation.objects.filter(synthetic=True)
    assert synthetic.count() == 32
    assert set(synthetic.values_list("arrondissement", flat=True)) == set(range(1, 17))
    for organisation in synthetic:
        assert geo.arrondissement_at(organisation.latitude, organisation.longitude) == organisation.arrondissement
    assert not Organisation.objects.public().filter(synthetic=True).exists()
