"""Partners' widgets (/integrer/...), the snippet builder (/annuaire/integrer/) and the agenda's
feeds per organiser and per filter (iCal, RSS, Atom)."""

import re

import feedparser
import icalendar
import pytest

from tests.helpers.events import publish_incubator_events

PARTNER = "https://www.partenaire.example"


def frame_ancestors(response):
    policy = response["Content-Security-Policy"]
    return next(part.strip() for part in policy.split(";") if part.strip().startswith("frame-ancestors"))


@pytest.fixture
def permanences(agenda, orgs):
    publish_incubator_events(agenda, orgs)
    return orgs


def test_only_the_widgets_may_be_framed_by_other_sites(client, permanences, settings):
    for url in ("/integrer/annuaire/", "/integrer/agenda/"):
        response = client.get(url)
        assert response.status_code == 200
        assert frame_ancestors(response) == "frame-ancestors *"
        assert "X-Frame-Options" not in response
    settings.EMBED_ALLOWED_ORIGINS = [PARTNER]
    response = client.get("/integrer/agenda/")
    assert frame_ancestors(response) == f"frame-ancestors 'self' {PARTNER}"
    for url in ("/annuaire/", "/annuaire/integrer/", "/agenda/", "/api/", f"/annuaire/{permanences['velo'].slug}/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "*" not in frame_ancestors(response) and PARTNER not in frame_ancestors(response), url
        assert response["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url


def test_directory_widget_is_light_filtered_and_opens_the_site_in_a_new_tab(client, orgs):
    response = client.get("/integrer/annuaire/", {"type": "structure-accompagnement", "vue": "liste"})
    html = response.content.decode()
    assert 'class="site-header' not in html and 'class="site-footer' not in html
    assert '<html lang="fr"' in html and "<main" in html
    assert html.count('class="embed-item"') == 3
    assert "Incubateur Solidaire Centre" in html and "Atelier vélo du Merlan" not in html
    link = f'href="http://testserver/annuaire/{orgs["incubateur"].slug}/" target="_blank" rel="noopener">Voir sur le site de la Ville'
    assert link in html and "(nouvel onglet)" in html
    assert "leaflet.js" not in html  # no map asked, no map library
    both = client.get("/integrer/annuaire/", {"filiere": "alimentation", "vue": "les-deux"}).content.decode()
    assert "data-new-tab" in both and "/annuaire/carte/points/?filiere=alimentation" in both
    assert both.count('class="embed-item"') == 1
    only_map = client.get("/integrer/annuaire/", {"vue": "carte"}).content.decode()
    assert "data-map" in only_map and 'class="embed-item"' not in only_map


def legend(html):
    found = re.search(r'<p class="map-legend">.*?</p>', html, re.DOTALL)
    return found and found.group(0)


def test_the_widget_map_has_the_map_pages_legend_of_precise_and_approximate_points(client, orgs):
    orgs["velo"].location_source = "code-postal"  # at its postcode's reference point: hollow, dashed
    orgs["velo"].save()
    map_page = client.get("/annuaire/carte/", {"filiere": "mobilite"}).content.decode()
    for view in ("carte", "les-deux"):
        html = client.get("/integrer/annuaire/", {"filiere": "mobilite", "vue": view}).content.decode()
        shown = legend(html)
        assert shown and "adresse précise" in shown and "map-legend__marker--approximate" in shown
        assert (
            "position approximative (point de référence du code postal ou de l'arrondissement)&#160;: 1 structure"
            in (shown.replace("&#x27;", "'"))
        )
        assert shown == legend(map_page)  # one piece of markup serves both
    assert legend(client.get("/integrer/annuaire/", {"vue": "liste"}).content.decode()) is None  # no map, no legend


def test_agenda_widget_shows_an_organisers_next_dates(client, permanences):
    slug = permanences["incubateur"].slug
    html = client.get("/integrer/agenda/", {"organisateur": slug, "nombre": "3"}).content.decode()
    assert "Prochains rendez-vous&nbsp;: Incubateur Solidaire Centre" in html
    assert html.count('class="embed-item"') == 3 and "Atelier à la Friche" not in html
    assert '/agenda/permanence-incubateur/" target="_blank" rel="noopener">Voir sur le site de la Ville' in html
    assert f"/agenda/agenda.ics?organisateur={slug}" in html
    by_type = client.get("/integrer/agenda/", {"type": "atelier"}).content.decode()
    assert "Atelier à la Friche" in by_type and "Permanence de l'incubateur" not in by_type


def test_builder_previews_and_gives_a_snippet_with_title_and_resize_script(client, permanences):
    slug = permanences["incubateur"].slug
    response = client.get(
        "/annuaire/integrer/",
        {"filiere": "alimentation", "arrondissement": "14", "vue": "les-deux", "hauteur": "700", "organisateur": slug},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        'src="http://testserver/integrer/annuaire/?filiere=alimentation&amp;arrondissement=14&amp;vue=les-deux"' in html
    )
    assert 'height="700"' in html
    snippet = html.split('id="snippet-directory"')[1].split("</textarea>")[0]
    assert (
        "&lt;iframe src=&quot;http://testserver/integrer/annuaire/?filiere=alimentation&amp;arrondissement=14"
        "&amp;vue=les-deux&quot; title=&quot;Annuaire de l&#x27;ESS à Marseille&quot;"
    ) in snippet
    assert "&lt;script src=&quot;http://testserver/integrer/redimensionner.js&quot; async&gt;" in html
    assert f"http://testserver/agenda/agenda.rss?organisateur={slug}" in html
    assert f"http://testserver/integrer/agenda/?organisateur={slug}" in html
    script = client.get("/integrer/redimensionner.js")
    assert script.status_code == 200 and "ess-marseille:hauteur" in script.content.decode()
    # A wrong height is said, not fatal.
    assert "Assurez-vous" in client.get("/annuaire/integrer/", {"hauteur": "5"}).content.decode()


def test_feeds_per_organiser_and_filter_in_ical_rss_and_atom(client, permanences):
    slug = permanences["incubateur"].slug
    calendar = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics", {"organisateur": slug}).content)
    summaries = {str(event["SUMMARY"]) for event in calendar.walk("VEVENT")}
    assert summaries == {"Permanence de l'incubateur"}
    for kind in ("rss", "atom"):
        response = client.get(f"/agenda/agenda.{kind}", {"organisateur": slug})
        assert response.status_code == 200
        feed = feedparser.parse(response.content)
        assert feed.feed.title == "Agenda de l'ESS à Marseille — Incubateur Solidaire Centre"
        assert feed.entries and all(e.title.startswith("Permanence de l'incubateur — ") for e in feed.entries)
        assert feed.entries[0].link.endswith("/agenda/permanence-incubateur/")
    workshops = feedparser.parse(client.get("/agenda/agenda.rss", {"type": "atelier"}).content)
    assert [e.title.split(" — ")[0] for e in workshops.entries] == ["Atelier à la Friche"]
    # Linked from the organiser's page, and from the agenda.
    page = client.get(f"/annuaire/{slug}/").content.decode()
    assert f"/agenda/agenda.ics?organisateur={slug}" in page and f"/agenda/agenda.rss?organisateur={slug}" in page
    assert f"/annuaire/integrer/?organisateur={slug}" in page
    assert "/agenda/agenda.atom" in client.get("/agenda/").content.decode()


def test_partner_pages_have_bounded_queries(client, permanences, django_assert_max_num_queries):
    slug = permanences["incubateur"].slug
    for url in (
        "/integrer/annuaire/?vue=les-deux",
        f"/integrer/agenda/?organisateur={slug}",
        f"/annuaire/integrer/?organisateur={slug}&filiere=alimentation",
        "/api/",
        f"/agenda/agenda.rss?organisateur={slug}",
    ):
        client.get(url)  # the vocabulary and the navigation are then cached, as in production
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200, url
