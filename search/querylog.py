"""The visitors' search log behind the editors' "popular searches" (Wagtail's Query and
QueryDailyHits), counted without a database write per search.

- A search is counted at most once per visitor (client address, ess_site/clients.py) and query
  within SEARCH_LOG_WINDOW_SECONDS; robots (User-Agent matching SEARCH_LOG_BOT_PATTERN, or none)
  are not counted at all.
- A counted hit is a numbered item in the cache (shared with Redis, REDIS_URL). Every
  SEARCH_LOG_FLUSH_EVERY hits, the request that reaches the number writes the pending items to the
  database in one batch; `manage.py flush_search_log` (cron) and the moderators' dashboard write the
  rest. Each item is claimed by deleting it from the cache, so two flushes never count it twice.
- Without Redis, each process counts its own visitors; items live SEARCH_LOG_ITEM_SECONDS at most.
- Searches that found nothing (site search and finder) are counted the same way, into
  UnansweredSearch, for the editors' « Recherches sans résultat » panel.
"""

import hashlib
import logging
import re
from collections import Counter
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from ess_site.clients import client_ip

from .models import UnansweredSearch

logger = logging.getLogger(__name__)

DEFAULT_BOT_PATTERN = (
    r"bot\b|bot/|crawl|spider|slurp|archiver|scrapy|curl|wget|httpie|python-|httpx|aiohttp|okhttp|go-http-client"
    r"|java/|libwww|node-fetch|axios|headless|phantomjs|lighthouse|pingdom|uptime|monitor|preview|facebookexternalhit"
)
SEQUENCE_KEY = "search:log:seq"
FLUSHED_KEY = "search:log:flushed"
RESCAN = 50  # items numbered just before the last flush, scanned again (written after it looked)
MAX_SCAN = 10_000  # at most this many pending items per flush


def _setting(name, default):
    return getattr(settings, name, default)


@lru_cache(maxsize=4)
def _bot_regex(pattern):
    return re.compile(pattern, re.IGNORECASE)


def is_robot(request):
    user_agent = request.META.get("HTTP_USER_AGENT", "").strip()
    if not user_agent:
        return True
    return bool(_bot_regex(_setting("SEARCH_LOG_BOT_PATTERN", DEFAULT_BOT_PATTERN)).search(user_agent))


def _item_key(number):
    return f"search:log:item:{number}"


def record(request, query_string):
    """Count this search for the popular searches; True when it was counted."""
    return _enqueue(request, query_string)


def record_unanswered(request, query_string, place):
    """Count this search that found nothing (place: UnansweredSearch.SITE or FINDER) for the editors'
    dashboard; True when it was counted."""
    return _enqueue(request, query_string, place)


def _enqueue(request, query_string, place=None):
    normalised = normalise_query_string(query_string)
    if not normalised or is_robot(request):
        return False
    visitor = hashlib.sha256(f"{client_ip(request)}|{place or ''}|{normalised}".encode()).hexdigest()[:32]
    if not cache.add(f"search:log:seen:{visitor}", 1, _setting("SEARCH_LOG_WINDOW_SECONDS", 3600)):
        return False  # this visitor already searched for it within the window
    cache.add(SEQUENCE_KEY, 0, None)
    try:
        number = cache.incr(SEQUENCE_KEY)
    except ValueError:  # evicted between add() and incr()
        cache.set(SEQUENCE_KEY, 1, None)
        number = 1
    if number is None:  # the cache is down (errors swallowed): this hit is not counted
        return False
    item = [normalised, timezone.localdate().isoformat()] + ([place] if place else [])
    cache.set(_item_key(number), item, _setting("SEARCH_LOG_ITEM_SECONDS", 7 * 24 * 3600))
    if number % max(1, int(_setting("SEARCH_LOG_FLUSH_EVERY", 20))) == 0:
        flush()
    return True


def flush():
    """Write the pending hits to Wagtail's daily hits; returns how many were written."""
    last = cache.get(SEQUENCE_KEY) or 0
    first = max(1, (cache.get(FLUSHED_KEY) or 0) - RESCAN + 1, last - MAX_SCAN + 1)
    pending = cache.get_many([_item_key(number) for number in range(first, last + 1)])
    counts = Counter()
    for key, item in pending.items():
        if cache.delete(key):  # claimed: no other flush counts it
            counts[tuple(item)] += 1
    cache.set(FLUSHED_KEY, last, None)
    if not counts:
        return 0
    try:
        with transaction.atomic():
            for (query_string, day, *place), number in sorted(counts.items()):
                if place:
                    unanswered, _ = UnansweredSearch.objects.get_or_create(
                        query_string=query_string[:255], place=place[0], date=day
                    )
                    UnansweredSearch.objects.filter(pk=unanswered.pk).update(hits=F("hits") + number)
                    continue
                daily, _ = QueryDailyHits.objects.get_or_create(query=Query.get(query_string), date=day)
                QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + number)
    except DatabaseError:  # a busy database must not cost the visitor their results
        logger.warning("Could not write %s search hits", sum(counts.values()), exc_info=True)
        return 0
    return sum(counts.values())
