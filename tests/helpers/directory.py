"""Helpers for the finder tests: organisations at known points of Marseille, made as editors would."""

import geography as geo
from directory.models import Audience, Kind, Label, LocationSource, Organisation, Sector, SupportService


def point(postcode, north_m=0.0):
    """A postcode's shipped reference point, moved `north_m` metres north (to order by distance)."""
    lat, lon = geo.postcode_reference_point(postcode)
    return lat + north_m / 111_195, lon


def make_organisation(name, postcode="13001", north_m=0.0, sectors=(), services=(), audiences=(), labels=(), **fields):
    lat, lon = point(postcode, north_m)
    fields.setdefault("kind", Kind.ESS_ACTOR)
    fields.setdefault("city", "Marseille")
    organisation = Organisation.objects.create(
        name=name,
        postcode=postcode,
        latitude=lat,
        longitude=lon,
        location_source="saisie",
        arrondissement=geo.arrondissement_for_postcode(postcode),
        **fields,
    )
    organisation.sectors.set(Sector.objects.filter(slug__in=sectors))
    organisation.support_services.set(SupportService.objects.filter(slug__in=services))
    organisation.audiences.set(Audience.objects.filter(slug__in=audiences))
    organisation.labels.set(Label.objects.filter(slug__in=labels))
    organisation.save()  # parental many-to-many fields are written on save
    return organisation


def make_finder_directory():
    """Eight organisations across the north (13014, 13013, 13015) and the centre (13001, 13006)."""
    return {
        "epicerie": make_organisation(
            "Coopérative L'Épicerie du Canet",
            "13014",
            north_m=120,
            sectors=["alimentation"],
            legal_form="scic",
            short_description="Épicerie coopérative et solidaire, produits locaux.",
            opening_hours="Mo-Fr 09:00-12:30,14:00-18:00; PH off",
            wheelchair="oui",
            audiences=["tous-publics"],
            phone="+33491000001",
            email="bonjour@epicerie.example",
            website="https://epicerie.example",
            address="12 boulevard du Canet",
            labels=["esus"],
        ),
        "recyclerie": make_organisation(
            "Recyclerie des Arnavaux",
            "13014",
            north_m=-400,
            sectors=["economie-circulaire-reemploi"],
            legal_form="association",
            short_description="Réemploi, réparation et ventes solidaires.",
            opening_hours="Tu-Sa 10:00-18:00",
            wheelchair="partiel",
        ),
        "velo": make_organisation(
            "Atelier vélo du Merlan",
            "13013",
            sectors=["mobilite"],
            legal_form="association",
            short_description="Atelier participatif de réparation de vélos.",
            opening_hours="We,Sa 14:00-18:00",
        ),
        "insertion": make_organisation(
            "Chantier d'insertion Nord Littoral",
            "13015",
            sectors=["insertion"],
            legal_form="association",
            labels=["siae-aci"],
            short_description="Chantier d'insertion en espaces verts.",
        ),
        "incubateur": make_organisation(
            "Incubateur Solidaire Centre",
            "13001",
            kind=Kind.SUPPORT,
            legal_form="association",
            services=["accompagnement-creation", "financement", "formation"],
            project_stages=["idee", "creation"],
            short_description="Accompagne les porteurs de projet de l'idée à la création.",
            opening_hours="Mo-Fr 09:00-17:00",
        ),
        "finance": make_organisation(
            "Fonds Solidaire Provence",
            "13006",
            kind=Kind.SUPPORT,
            legal_form="association",
            services=["financement"],
            project_stages=["creation", "developpement"],
            short_description="Prêts d'honneur et garanties.",
        ),
        "juridique": make_organisation(
            "Conseil Coop Nord",
            "13014",
            north_m=800,
            kind=Kind.SUPPORT,
            legal_form="scop",
            services=["conseil-juridique", "financement"],
            project_stages=["creation"],
            short_description="Statuts coopératifs et démarches.",
        ),
        "tiers_lieu": make_organisation(
            "La Friche Ouverte",
            "13003",
            kind=Kind.THIRD_PLACE,
            legal_form="scic",
            sectors=["culture-industries-creatives"],
            short_description="Tiers-lieu culturel : ateliers, résidences, café associatif.",
            wheelchair="oui",
        ),
    }


def make_approximate_organisation(name, postcode):
    """An organisation placed on its postcode's reference point (an approximate point, as an import
    without coordinates leaves it)."""
    lat, lon = geo.postcode_reference_point(postcode)
    return Organisation.objects.create(
        name=name,
        postcode=postcode,
        city="Marseille",
        latitude=lat,
        longitude=lon,
        location_source=LocationSource.POSTCODE,
        arrondissement=geo.arrondissement_for_postcode(postcode),
    )


# The organisation form's inline of service sheets, empty: what a browser posts when no sheet is added.
NO_SERVICE_SHEETS = {
    "service_sheets-TOTAL_FORMS": "0",
    "service_sheets-INITIAL_FORMS": "0",
    "service_sheets-MIN_NUM_FORMS": "0",
    "service_sheets-MAX_NUM_FORMS": "1000",
}


def admin_add_data(**changes):
    """The admin form's POST for a new organisation, as an editor fills it (no service sheet), with
    `changes` (e.g. `**{"action-publish": "publish"}` to publish it)."""
    data = {
        "name": "Épicerie solidaire du Camas",
        "kind": "acteur-ess",
        "legal_form": "association",
        "address": "10 rue du Camas",
        "postcode": "13005",
        "city": "Marseille",
        "wheelchair": "inconnu",
        **NO_SERVICE_SHEETS,
    }
    data.update(changes)
    return data


def admin_edit_data(organisation, **changes):
    """The admin form's POST for `organisation` as it stands (no service sheet), with `changes`."""
    data = {
        "name": organisation.name,
        "slug": organisation.slug,
        "short_description": organisation.short_description,
        "kind": organisation.kind,
        "legal_form": organisation.legal_form,
        "postcode": organisation.postcode,
        "city": organisation.city,
        "latitude": organisation.latitude,
        "longitude": organisation.longitude,
        "wheelchair": organisation.wheelchair,
        **NO_SERVICE_SHEETS,
    }
    data.update(changes)
    return data
