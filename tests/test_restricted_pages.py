"""Pages behind a Wagtail view restriction (password, login, groups) appear in no public listing."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from agenda.models import EventType
from directory.models import Organisation
from news.models import NewsIndexPage, NewsPage
from tests.helpers.events import publish_event
from tests.helpers.pages import add_page

TODAY = timezone.localdate()
# One unusual word per restricted page: it must appear in no listing.
EVENT_WORD, NEWS_WORD, PAGE_WORD, CHILD_WORD = "Zorglubevent", "Zorglubnews", "Zorglubpage", "Zorglubchild"
SECRET_WORDS = (EVENT_WORD, NEWS_WORD, PAGE_WORD, CHILD_WORD)
# What would show a leak: titles and intros (the search page repeats the query words, not these).
SECRET_TEXTS = (
    f"Permanence {EVENT_WORD}",
    f"Intro {EVENT_WORD}",
    f"Nouvelle {NEWS_WORD}",
    f"Resume {NEWS_WORD}",
    f"Page {PAGE_WORD}",
    f"Intro {PAGE_WORD}",
    f"Sous-page {CHILD_WORD}",
)
# Visible counterparts: the same listings must still show them (the test would pass on an empty site).
VISIBLE_EVENT, VISIBLE_NEWS, VISIBLE_PAGE = "Permanence Ouvertevisible", "Nouvelle Ouvertevisible", "Ouvertevisible"


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="secret" if kind == PageViewRestriction.PASSWORD else ""
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.add(Group.objects.get(name="Modération"))
    return restriction


@pytest.fixture
def restricted(agenda, home):
    host = Organisation.objects.create(name="Maison de l'ESS restreinte", postcode="13001", arrondissement=1)
    day = TODAY + timedelta(days=2)
    secret_event = publish_event(
        agenda,
        "permanence-secrete",
        day,
        title=f"Permanence {EVENT_WORD}",
        event_type=EventType.PERMANENCE,
        intro=f"Intro {EVENT_WORD}",
        place=host,
    )
    publish_event(agenda, "permanence-ouverte", day, title=VISIBLE_EVENT, event_type=EventType.PERMANENCE, place=host)
    restrict(secret_event, PageViewRestriction.PASSWORD)

    news_index = NewsIndexPage.objects.get()
    secret_news = NewsPage(title=f"Nouvelle {NEWS_WORD}", date=TODAY, intro=f"Resume {NEWS_WORD}.")
    news_index.add_child(instance=secret_news)
    secret_news.save_revision().publish()
    restrict(secret_news, PageViewRestriction.LOGIN)
    visible_news = NewsPage(title=VISIBLE_NEWS, date=TODAY - timedelta(days=1), intro="Chapô visible.")
    news_index.add_child(instance=visible_news)
    visible_news.save_revision().publish()

    # A restriction on a parent hides its children too.
    secret_page = add_page(home, f"Page {PAGE_WORD}", intro=f"Intro {PAGE_WORD}", show_in_menus=True)
    add_page(secret_page, f"Sous-page {CHILD_WORD}", intro=f"Intro {CHILD_WORD}")
    restrict(secret_page, PageViewRestriction.GROUPS)
    add_page(home, f"Page {VISIBLE_PAGE}", intro=f"Intro {VISIBLE_PAGE}")
    return {"event": secret_event, "host": host, "news": secret_news, "page": secret_page}


def listing_urls(restricted):
    month = f"/agenda/calendrier/{TODAY + timedelta(days=2):%Y/%m}/"
    urls = [
        "/",
        "/agenda/",
        "/agenda/permanences/",
        month,
        "/agenda/archives/",
        "/agenda/agenda.ics",
        "/agenda/agenda.ics?type=permanence",
        restricted["host"].get_absolute_url(),
        "/actualites/",
        "/actualites/rss/",
        "/actualites/atom/",
        "/sitemap.xml",
        "/plan-du-site/",
        "/etre-accompagne/",
        "/recherche/?q=Zorglubevent+Zorglubnews+Zorglubpage+Zorglubchild",
    ]
    for word in SECRET_WORDS + ("Ouvertevisible",):
        urls += [f"/recherche/?q={word}", f"/recherche/suggestions/?q={word}"]
        for kind in ("pages", "actualites", "agenda"):
            urls.append(f"/recherche/?q={word}&type={kind}")
    return urls


def body(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8")


def test_no_listing_feed_calendar_sitemap_or_search_shows_a_restricted_page(client, restricted):
    leaks, seen = [], set()
    for url in listing_urls(restricted):
        response = client.get(url)
        assert response.status_code == 200, url
        text = body(response)
        leaks += [(url, secret) for secret in SECRET_TEXTS if secret in text]
        seen |= {title for title in (VISIBLE_EVENT, VISIBLE_NEWS, VISIBLE_PAGE) if title in text}
    assert leaks == [], sorted({url for url, _ in leaks})
    assert seen == {VISIBLE_EVENT, VISIBLE_NEWS, VISIBLE_PAGE}  # the listings do list what is public


def test_the_restricted_event_calendar_file_is_refused(client, restricted):
    response = client.get(restricted["event"].url + "ics/")
    assert response.status_code != 200 or "BEGIN:VEVENT" not in body(response)
    assert not any(secret in body(response) for secret in SECRET_TEXTS)


def test_the_one_helper_removes_restricted_pages_and_their_occurrences(restricted):
    from agenda.models import EventPage, Occurrence
    from ess_site.visibility import visible_to_public

    assert not visible_to_public(EventPage.objects.all()).filter(pk=restricted["event"].pk).exists()
    occurrences = visible_to_public(Occurrence.objects.all(), via="event")
    assert occurrences.exists() and not occurrences.filter(event=restricted["event"]).exists()


def test_the_agenda_offers_only_public_organisers_of_visible_events(client, agenda):
    day = TODAY + timedelta(days=3)
    shown = Organisation.objects.create(name="Organisateur Visible", postcode="13001")
    draft = Organisation.objects.create(name="Organisateur Brouillon", postcode="13001", live=False)
    secret = Organisation.objects.create(name="Organisateur Restreint", postcode="13001")
    publish_event(agenda, "atelier-visible", day, title="Atelier visible", organiser=shown)
    publish_event(agenda, "atelier-du-brouillon", day, title="Atelier du brouillon", organiser=draft)
    restrict(publish_event(agenda, "atelier-secret", day, organiser=secret), PageViewRestriction.LOGIN)

    html = client.get("/agenda/").content.decode()
    assert "Organisateur Visible" in html and "Atelier du brouillon" in html
    assert "Organisateur Brouillon" not in html and "Organisateur Restreint" not in html
