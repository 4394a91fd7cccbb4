"""Validation of an organisation's fields, with the French messages editors and import reports show."""

import pytest
from django.core.exceptions import ValidationError

from directory.finder import hours
from directory.models import Organisation


def errors_for(**fields):
    organisation = Organisation(name="Coopérative test", **fields)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean(exclude=["slug"])
    return caught.value.message_dict


def is_valid(**fields):
    organisation = Organisation(name="Coopérative test", **fields)
    organisation.full_clean(exclude=["slug"])
    return organisation


@pytest.mark.django_db
class TestIdentifiers:
    def test_a_siret_with_a_wrong_check_digit_is_refused(self):
        assert "clé de contrôle" in errors_for(siret="73282932000075")["siret"][0]

    def test_a_siret_must_have_fourteen_digits(self):
        assert errors_for(siret="7328293200")["siret"] == ["Le SIRET doit comporter 14 chiffres."]

    def test_a_valid_siret_is_accepted_and_compacted(self):
        assert is_valid(siret="732 829 320 00074").siret == "73282932000074"

    def test_la_poste_establishments_follow_their_own_rule(self):
        is_valid(siret="35600000000010")

    def test_rna_is_w_and_nine_digits(self):
        assert "W suivi de 9 chiffres" in errors_for(rna="12345")["rna"][0]
        assert is_valid(rna="w133012345").rna == "W133012345"

    def test_postcode_has_five_digits(self):
        assert "5 chiffres" in errors_for(postcode="1301")["postcode"][0]


@pytest.mark.django_db
class TestContacts:
    def test_a_french_phone_is_stored_in_international_form(self):
        assert is_valid(phone="04 91 55 11 11").phone == "+33491551111"

    def test_an_invalid_phone_is_refused_in_french(self):
        assert errors_for(phone="12")["phone"] == [
            "Ce numéro de téléphone n'est pas valide (exemple\u00a0: 04 91 55 11 11)."
        ]

    def test_a_website_needs_a_scheme_and_is_reported_once(self):
        assert errors_for(website="www.exemple.fr")["website"] == [
            "Cette adresse web n'est pas valide\u00a0: elle doit commencer par https:// ou http://."
        ]

    def test_the_admin_form_says_the_same_once(self):
        from django import forms

        form = forms.modelform_factory(Organisation, fields=["name", "website"])(
            {"name": "Coop", "website": "pas un lien"}
        )
        assert form.errors["website"] == [
            "Cette adresse web n'est pas valide\u00a0: elle doit commencer par https:// ou http://."
        ]
        form = forms.modelform_factory(Organisation, fields=["name", "website"])(
            {"name": "Coop", "website": "exemple.fr"}
        )
        assert form.is_valid() and form.cleaned_data["website"] == "https://exemple.fr"

    def test_acceslibre_link_must_point_to_acceslibre(self):
        assert errors_for(acceslibre_url="https://exemple.fr/fiche")["acceslibre_url"] == [
            "Le lien Acceslibre doit pointer vers acceslibre.beta.gouv.fr."
        ]
        assert len(errors_for(acceslibre_url="pas un lien")["acceslibre_url"]) == 1
        is_valid(acceslibre_url="https://acceslibre.beta.gouv.fr/app/13-marseille/a/association/erp/test/")

    def test_each_social_link_is_a_web_address(self):
        assert "adresse web" in errors_for(social_links="https://mastodon.social/@ess\npas un lien")["social_links"][0]


@pytest.mark.django_db
class TestOpeningHours:
    def test_osm_syntax_is_accepted(self):
        is_valid(opening_hours="Mo-Fr 09:00-12:30,14:00-17:30; PH off")

    def test_free_text_is_refused_with_an_example(self):
        message = errors_for(opening_hours="du lundi au vendredi")["opening_hours"][0]
        assert "OpenStreetMap" in message and "Mo-Fr" in message

    def test_hours_are_worded_in_french(self):
        lines = hours.describe("Mo-Fr 09:00-12:30,14:00-17:30; PH off")
        assert lines[0].replace("\u00a0", " ") == "Du lundi au vendredi de 9 h à 12 h 30 et de 14 h à 17 h 30"
        assert lines[1] == "Fermé les jours fériés"

    def test_open_now_and_next_change(self):
        import datetime
        import zoneinfo

        friday_morning = datetime.datetime(2025, 3, 14, 11, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
        state = hours.status("Mo-Fr 09:00-12:30", friday_morning)
        assert state["open"] is True
        assert state["label"].startswith("Ouvert maintenant")
        evening = hours.status("Mo-Fr 09:00-12:30", friday_morning.replace(hour=19))
        assert evening["open"] is False
        assert "lundi" in evening["label"]


@pytest.mark.django_db
def test_an_organisation_outside_marseille_is_allowed():
    organisation = is_valid(postcode="13100", city="Aix-en-Provence")
    assert organisation.arrondissement is None


@pytest.mark.django_db
def test_slugs_are_unique():
    first = Organisation.objects.create(name="Les Têtes de l'Art")
    second = Organisation.objects.create(name="Les Têtes de l'Art")
    assert first.slug == "les-tetes-de-lart"
    assert second.slug != first.slug
