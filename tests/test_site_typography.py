"""French typography on everything the site shows (tests/helpers/typography.py): every public page
type, the error pages, the mails, the feeds, the API's messages and the admin screens the project adds
have their non-breaking spaces before : ; ! ? » and after «. Editors' and visitors' content (from the
database) and Django's and Wagtail's own messages are left out: not ours to fix here."""

import json
from datetime import timedelta

import icalendar
import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection, models
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField

from tests.helpers.directory import make_organisation
from tests.helpers.typography import texts_of, typography_faults

CONTENT_APPS = ("directory", "events", "news", "home", "ess_site", "alerts", "search", "wagtailcore", "taggit")
CRESS = "/annuaire/cress-chambre-regionale-de-leconomie-sociale-et-solidaire/"


def database_texts():
    """What editors and visitors wrote (every text column of the content apps), to leave out."""
    texts = set()
    for model in apps.get_models():
        if model._meta.app_label not in CONTENT_APPS:
            continue
        kinds = (models.CharField, models.TextField, models.JSONField, RichTextField, StreamField)
        names = [field.attname for field in model._meta.concrete_fields if isinstance(field, kinds)]
        if not names:
            continue
        for row in model._default_manager.values_list(*names):
            for value in row:
                if isinstance(value, str) and value[:1] in "[{":
                    try:
                        value = json.loads(value)
                    except ValueError:
                        pass
                texts.update(texts_of(value))
    return texts


# database_texts() reads every text column: read again only after a statement that may have written.
_read_texts = {"texts": None}
READ_ONLY_SQL = ("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT", "SET ", "SHOW ")


@pytest.fixture(autouse=True)
def database_texts_read_again_after_writes():
    def watch(execute, sql, params, many, context):
        if not sql.lstrip().upper().startswith(READ_ONLY_SQL):
            _read_texts["texts"] = None
        return execute(sql, params, many, context)

    _read_texts["texts"] = None
    with connection.execute_wrapper(watch):
        yield
    _read_texts["texts"] = None


def faults_in(content, where, html=True):
    if _read_texts["texts"] is None:
        _read_texts["texts"] = database_texts()
    return typography_faults(content, where, ignore=_read_texts["texts"], html=html)


def faults_in_page(response, where):
    if response.status_code >= 500:
        return [f"{where}: erreur {response.status_code}"]
    return faults_in(response.content.decode(), where)


def assert_french(faults):
    assert not faults, f"{len(faults)} espace(s) insécable(s) manquante(s) :\n" + "\n".join(faults)


@pytest.fixture
def site(demo_site):
    """The demo site, with a structure that shows every field and an event organised by it."""
    make_organisation(
        "Atelier partagé du Panier",
        "13002",
        email="contact@atelier.example",
        phone="+33491000042",
        website="https://atelier.example",
        address="3 rue du Panier",
        opening_hours="Mo-Fr 09:00-17:00",
        wheelchair="oui",
        sectors=["alimentation"],
        services=["conseil-juridique"],
        description="<p>Un atelier partagé.</p>",
    )
    return demo_site


PUBLIC_PAGES = {
    "éditorial": [
        "/",
        "/qu-est-ce-que-l-ess/",
        "/feuille-de-route/",
        "/etre-accompagne/",
        "/etre-accompagne/?ou=13014",
        "/etre-accompagne/?ou=Paris&etape=inconnue",
        "/plan-du-site/",
        "/mentions-legales/",
        "/accessibilite/",
        "/donnees-ouvertes/",
        "/page-qui-n-existe-pas/",
    ],
    "annuaire": [
        "/annuaire/",
        "/annuaire/?pres-de=13014&tri=distance",
        "/annuaire/?pres-de=Atlantide",
        "/annuaire/?q=zzzzzzzzzz&filiere=alimentation",
        "/annuaire/?q=a&tri=inconnu&page=x&rayon=500&ouvert=peut-etre",
        "/annuaire/carte/",
        "/annuaire/integrer/",
        "/annuaire/integrer/?vue=inconnue",
        "/annuaire/proposer/",
        CRESS,
        "/annuaire/atelier-partage-du-panier/",
        "/annuaire/atelier-partage-du-panier/signaler-une-erreur/",
        "/annuaire/atelier-partage-du-panier/mettre-a-jour/",
        "/annuaire/atelier-partage-du-panier/mettre-a-jour/jeton-faux/",
        "/integrer/annuaire/",
        "/integrer/annuaire/?vue=carte",
    ],
    "agenda": [
        "/agenda/",
        "/agenda/?du=2030-05-10&au=2030-05-01&type=inconnu",
        "/agenda/permanence-interlocuteur-ess-ville/",
        "/agenda/calendrier/",
        "/agenda/permanences/",
        "/agenda/archives/",
        "/integrer/agenda/",
        "/integrer/agenda/?organisateur=cress-chambre-regionale-de-leconomie-sociale-et-solidaire",
    ],
    "actualités, recherche, alertes, API": [
        "/actualites/",
        "/actualites/?etiquette=inconnue&categorie=inconnue",
        "/actualites/partenariat-france-active/",
        "/recherche/?q=coop%C3%A9rative",
        "/recherche/?q=zzzzzzzzzz",
        "/recherche/?q=a",
        "/alertes/",
        "/alertes/confirmer/jeton-faux/",
        "/api/",
    ],
}


@pytest.mark.parametrize("area", PUBLIC_PAGES)
def test_public_pages(client, site, area):
    assert_french([fault for path in PUBLIC_PAGES[area] for fault in faults_in_page(client.get(path), path)])


def test_every_published_page_of_the_tree(client, site):
    """Each page type the editors can publish, as the demo tree has them."""
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    assert len({type(page) for page in pages}) >= 10
    where = "{} ({})".format
    assert_french(
        [f for page in pages for f in faults_in_page(client.get(page.url), where(page.url, type(page).__name__))]
    )


FEEDS = ["/agenda/agenda.rss", "/agenda/agenda.atom", "/actualites/rss/", "/actualites/atom/"]
CALENDARS = ["/agenda/agenda.ics", "/agenda/permanence-interlocuteur-ess-ville/ics/"]
CALENDAR_TEXTS = ("X-WR-CALNAME", "X-WR-CALDESC", "SUMMARY", "DESCRIPTION", "LOCATION", "CATEGORIES")
API_ERRORS = [
    "/api/v1/organisations/?rayon=500&ouvert=2&tri=x",
    "/api/v1/organisations/?fields=inconnu&page=99",
    "/api/v1/organisations/organisation-inconnue/",
    "/api/v1/evenements/?du=2030-05-10&au=2030-05-01",
    "/api/v1/actualites/?categorie=inconnue&etiquette=inconnue",
    "/api/v1/inconnu/",
]


def test_feeds_and_api_messages(client, site):
    faults = []
    for path in FEEDS:
        response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        faults += faults_in(content.decode(), path)
    for path in CALENDARS:
        response = client.get(path)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        for component in icalendar.Calendar.from_ical(content).walk():
            for name in CALENDAR_TEXTS:
                value = component.get(name)
                if value is not None:
                    text = ", ".join(value.cats) if hasattr(value, "cats") else str(value)
                    faults += faults_in(text, f"{path} {name}", html=False)
    for path in API_ERRORS:
        body = client.get(path).json()
        messages = [body.get("detail", "")] + list(body.get("erreurs", []))
        assert any(messages), body
        faults += [fault for message in messages for fault in faults_in(message, path, html=False)]
    refused = client.post("/api/v1/organisations/").json()["detail"]
    assert_french(faults + faults_in(refused, "POST /api/v1/organisations/", html=False))


FORMS = [
    (CRESS + "signaler-une-erreur/", {"message": "Court", "contact_email": "pas-un-courriel"}),
    ("/annuaire/proposer/", {"name": "", "activity": "court", "postcode": "13", "website": ""}),
    ("/alertes/", {"email": "pas-un-courriel", "website": ""}),
    ("/annuaire/atelier-partage-du-panier/mettre-a-jour/", {}),
]


def test_forms_and_their_errors(client, site):
    assert_french([fault for path, data in FORMS for fault in faults_in_page(client.post(path, data), f"POST {path}")])


def test_error_pages_without_the_database():
    from ess_site.middleware import form_kept_response
    from ess_site.views import server_error

    request = RequestFactory().post("/annuaire/proposer/", {"name": "Ressourcerie", "activity": "Réemploi"})
    lockout = render_to_string("ess_site/connexion_bloquee.html", {"cooloff_timedelta": timedelta(minutes=15)})
    assert_french(
        typography_faults(form_kept_response(request).content.decode(), "503")
        + typography_faults(server_error(RequestFactory().get("/")).content.decode(), "500")
        + typography_faults(lockout, "connexion bloquée")
    )


def faults_in_mails(where):
    assert mail.outbox, f"{where}: aucun courriel"
    faults = []
    for message in mail.outbox:
        faults += faults_in(str(message.subject), f"{where} (objet)", html=False)
        faults += faults_in(message.body, f"{where} (texte)", html=False)
        for content, _mimetype in message.alternatives:
            faults += faults_in(content, f"{where} (HTML)")
    mail.outbox.clear()
    return faults


def test_alert_mails(client, site):
    from alerts.models import Subscription
    from tests.helpers.commands import run_command

    client.post("/alertes/", {"email": "dominique@example.org", "website": "", "structures": "on", "events": "on"})
    token = mail.outbox[0].body.split("/alertes/confirmer/")[1].split("/")[0]
    faults = faults_in_mails("confirmation d'abonnement")
    faults += faults_in_page(client.post(f"/alertes/confirmer/{token}/"), "abonnement confirmé")
    Subscription.objects.update(confirmed_at=timezone.now() - timedelta(days=30))
    make_organisation("Ressourcerie exemple", "13003", short_description="Réemploi.")
    faults += faults_in(run_command("send_alert_digests"), "send_alert_digests", html=False)
    assert_french(faults + faults_in_mails("lettre des nouveautés"))


def test_update_link_mails(site):
    from directory.finder.update_links import LinkReason, send_update_link
    from directory.models import Organisation

    organisation = Organisation.objects.get(slug="atelier-partage-du-panier")
    faults = []
    for reason in LinkReason:
        send_update_link(organisation, reason)
        faults += faults_in_mails(f"lien de mise à jour ({reason})")
    assert_french(faults)


@pytest.fixture
def moderator(db):
    user = User.objects.create_user("moderation", "moderation@example.org", "motdepasse-solide", first_name="Nora")
    user.groups.add(Group.objects.get(name="Modération"))
    return user


def propose(client, name):
    from directory.models import StructureProposal

    client.post(
        "/annuaire/proposer/",
        {
            "name": name,
            "activity": "Collecte, répare et revend des objets, ateliers de réparation.",
            "address": "10 rue exemple",
            "postcode": "13003",
            "structure_email": "contact@ressourcerie.example",
            "relation": "usager",
            "proposer_email": "camille@example.org",
            "website": "",
        },
    )
    return StructureProposal.objects.get(name=name)


def test_proposal_moderation_screens_messages_and_mails(client, site, moderator):
    refused = propose(client, "Proposition refusée")
    accepted = propose(client, "Ressourcerie exemple de la Belle de Mai")
    client.force_login(moderator)
    review = f"/admin/annuaire/propositions/{accepted.pk}/"
    faults = faults_in_page(client.get("/admin/annuaire/propositions/"), "propositions")
    faults += faults_in_page(client.get(review), review)
    faults += faults_in_page(client.post(review, {"accepter": ""}), f"POST {review} (erreurs)")
    refusal = client.post(f"/admin/annuaire/propositions/{refused.pk}/", {"message": "Hors ESS", "refuser": ""})
    faults += faults_in_page(client.get(refusal.url), "message de refus")
    assert_french(faults + faults_in_mails("refus d'une proposition"))


def test_change_moderation_screens_messages_and_mails(client, site, moderator):
    from directory.finder import update_links
    from directory.models import Organisation, ProposedChange

    organisation = Organisation.objects.get(slug="atelier-partage-du-panier")
    path = update_links.update_path(update_links.send_update_link(organisation))
    mail.outbox.clear()
    faults = faults_in_page(client.get(path), "formulaire de mise à jour")
    form = {"name": organisation.name, "phone": "04 91 00 00 99", "email": organisation.email, "action": "envoyer"}
    faults += faults_in_page(client.post(path, form), "mise à jour envoyée")
    change = ProposedChange.objects.get()
    client.force_login(moderator)
    review = f"/admin/annuaire/modifications/{change.pk}/"
    faults += faults_in_page(client.get("/admin/annuaire/modifications/"), "modifications proposées")
    faults += faults_in_page(client.get(review), review)
    faults += faults_in_page(client.post(review, {"message": "", "refuser": ""}), f"POST {review} (sans message)")
    refusal = client.post(review, {"message": "Numéro non vérifiable.", "refuser": ""})
    faults += faults_in_page(client.get(refusal.url), "message de refus d'une modification")
    assert_french(faults + faults_in_mails("refus d'une modification"))


@pytest.fixture
def admin(client, site):
    user = User.objects.create_superuser("admin", "admin@example.org", "motdepasse-solide")
    client.force_login(user)
    return user


def admin_paths():
    from agenda.models import EventIndexPage
    from directory.models import CorrectionRequest, Organisation
    from home.models import HomePage
    from news.models import NewsIndexPage

    atelier = Organisation.objects.get(slug="atelier-partage-du-panier")
    correction = CorrectionRequest.objects.create(
        organisation=atelier, organisation_name=atelier.name, message="Le téléphone a changé."
    )
    home = HomePage.objects.get()
    return [
        "/admin/",
        "/admin/annuaire/import/",
        "/admin/courriels/",
        "/admin/snippets/directory/correctionrequest/",
        f"/admin/snippets/directory/correctionrequest/edit/{correction.pk}/",
        "/admin/directory/organisation/",
        "/admin/directory/organisation/add/",
        f"/admin/directory/organisation/edit/{atelier.pk}/",
        f"/admin/pages/add/events/eventpage/{EventIndexPage.objects.get().pk}/",
        f"/admin/pages/{home.pk}/edit/",
        f"/admin/pages/add/home/contentpage/{home.pk}/",
        f"/admin/pages/add/news/newspage/{NewsIndexPage.objects.get().pk}/",
        "/admin/searchpicks/reports/search-terms/",
    ]


def test_admin_screens_the_project_adds(client, admin):
    assert_french([fault for path in admin_paths() for fault in faults_in_page(client.get(path), path)])


PREVIEW = "/admin/agenda/apercu-repetition/?start_date={}&start_time=09:00&end_time=12:00&recurrence={}"
PREVIEWS = [
    PREVIEW.format("07/05/2030", "hebdomadaire"),
    PREVIEW.format("31/05/2030", "mensuelle-rang"),  # a 5th Friday: refused
    PREVIEW.format("07/05/2030", "personnalisee") + "&recurrence_rule=FREQ=YEARLY;COUNT=2",
    PREVIEW.format("", "hebdomadaire"),
    PREVIEW.format("07/05/2030", "inconnue"),
]


def test_the_recurrence_preview_of_the_event_form(client, admin):
    faults = []
    for path in PREVIEWS:
        answer = client.get(path).json()
        shown = [answer.get("description", ""), answer.get("error", "")] + [str(date) for date in answer["dates"]]
        assert any(shown), answer
        faults += [fault for text in shown for fault in faults_in(text, path, html=False)]
    assert_french(faults)


def test_admin_forms_errors_and_messages(client, admin):
    from directory.models import Organisation

    add = "/admin/directory/organisation/add/"
    faults = faults_in_page(client.post(add, {"name": "", "postcode": "13", "phone": "x", "siret": "1"}), f"POST {add}")
    atelier = Organisation.objects.get(slug="atelier-partage-du-panier")
    deleted = client.post(f"/admin/directory/organisation/delete/{atelier.pk}/", follow=True)
    faults += faults_in_page(deleted, "organisation supprimée")
    faults += faults_in_page(client.post("/admin/annuaire/import/", {}), "POST /admin/annuaire/import/")
    faults += faults_in_page(client.get("/admin/annuaire/import/confirmer/", follow=True), "import sans fichier")
    assert_french(faults)
