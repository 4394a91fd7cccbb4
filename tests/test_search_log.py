"""The search log (issue 12, item 15): a search no longer writes a row per request. Hits are counted
in the cache, at most once per visitor and query within SEARCH_LOG_WINDOW_SECONDS, never for robots,
and written in batches (every SEARCH_LOG_FLUSH_EVERY hits, `manage.py flush_search_log`, and when
the moderators' dashboard shows the popular searches)."""

import pytest
from django.contrib.auth.models import Group
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from search import querylog
from tests.helpers.commands import run_command

BROWSER = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"


def search(client, query, address="192.0.2.1", user_agent=BROWSER):
    headers = {"REMOTE_ADDR": address}
    if user_agent is not None:
        headers["HTTP_USER_AGENT"] = user_agent
    response = client.get("/recherche/", {"q": query}, **headers)
    assert response.status_code == 200
    return response


def hits(query_string):
    query = Query.objects.filter(query_string=query_string).first()
    return query.hits if query else 0


def test_thirty_identical_searches_from_one_visitor_count_once(client, home):
    for _ in range(30):
        search(client, "insertion")
    run_command("flush_search_log")
    assert hits("insertion") == 1


def test_each_visitor_counts(client, home):
    for number in range(3):
        search(client, "Réemploi", address=f"192.0.2.{number + 10}")
    search(client, "réemploi ", address="192.0.2.10")  # the same query, normalised: already counted
    querylog.flush()
    assert hits("réemploi") == 3


@pytest.mark.parametrize(
    "user_agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
        "python-requests/2.32.3",
        "curl/8.5.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36",
        "",
        None,
    ],
)
def test_robots_are_not_counted(client, home, user_agent):
    search(client, "insertion", user_agent=user_agent)
    querylog.flush()
    assert hits("insertion") == 0


def test_searches_are_written_in_batches_not_per_request(client, home, settings, django_assert_max_num_queries):
    settings.SEARCH_LOG_FLUSH_EVERY = 5
    for number in range(4):
        search(client, "emploi", address=f"198.51.100.{number + 1}")
    assert not QueryDailyHits.objects.exists()  # nothing written yet
    search(client, "emploi", address="198.51.100.99")  # the fifth hit writes the batch
    assert hits("emploi") == 5


def test_moderators_still_see_the_popular_searches(client, home, django_user_model):
    for number, query in enumerate(["insertion", "insertion", "Réemploi", "insertion"]):
        search(client, query, address=f"203.0.113.{number + 1}")
    moderator = django_user_model.objects.create_user("moderatrice", password="x")
    moderator.groups.add(Group.objects.get(name="Modération"))
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "<td>insertion</td><td>3</td>" in html and "<td>réemploi</td><td>1</td>" in html
    # Wagtail's own "Termes de recherche" report (administrators) reads the same rows.
    client.force_login(django_user_model.objects.create_superuser("admin-essai", password="x"))
    report = client.get("/admin/searchpicks/reports/search-terms/")
    assert report.status_code == 200 and "insertion" in report.content.decode()
