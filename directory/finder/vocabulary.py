"""The finder's vocabulary: which GET parameters filter on what, and the terms editors maintain.

Every finder and organisation page reads the four taxonomies and the distinct opening-hours
expressions first; they change a few times a year, so they are read in one query and cached.
"""

import time

from django.core.cache import cache
from django.db.models import Value

from directory.models import (
    Audience,
    Kind,
    Label,
    LegalForm,
    Organisation,
    Sector,
    SupportService,
    SynonymGroup,
    Wheelchair,
)

TERM_FILTERS = {
    # GET parameter: (m2m field, model, French name)
    "filiere": ("sectors", Sector, "filière"),
    "service": ("support_services", SupportService, "service d'accompagnement"),
    "public": ("audiences", Audience, "public"),
    "label": ("labels", Label, "label"),
}
CHOICE_FILTERS = {
    "type": ("kind", Kind, "type"),
    "forme": ("legal_form", LegalForm, "forme juridique"),
    "fauteuil": ("wheelchair", Wheelchair, "accès en fauteuil roulant"),
}
OPEN_NOW_PARAM = "ouvert"
# Every facet the finder shows, in the order it shows them.
FACET_PARAMS = ["type", "filiere", "service", "public", "forme", "arrondissement", "label", OPEN_NOW_PARAM, "fauteuil"]

VOCABULARY_CACHE_KEY = "directory:vocabulary"
VOCABULARY_CACHE_SECONDS = 300
OPENING_HOURS_BRANCH = "_opening_hours"
SYNONYMS_BRANCH = "_synonyms"


def load_vocabulary(use_cache=True):
    """What every finder page reads before filtering, in one query: the four taxonomies
    ({"terms": {GET parameter: [(pk, slug, label), ...]}}), the distinct opening-hours expressions
    of the public directory ({"opening_hours": [...]}, which "open now" evaluates) and the editors'
    synonym groups ({"synonyms": [terms, ...]}).

    Cached for five minutes, and forgotten whenever editors change a term or an organisation: every
    finder and organisation page needs it, and it changes a few times a year."""
    if not use_cache:
        return _read_vocabulary()
    return cache.get_or_set(VOCABULARY_CACHE_KEY, _read_vocabulary, VOCABULARY_CACHE_SECONDS)


def _read_vocabulary():
    querysets = [
        model.objects.order_by().annotate(param=Value(name)).values_list("param", "pk", "slug", "label")
        for name, (_, model, _) in TERM_FILTERS.items()
    ]
    querysets.append(
        Organisation.objects.public()
        .exclude(opening_hours="")
        .order_by()
        .annotate(param=Value(OPENING_HOURS_BRANCH), no_pk=Value(0))
        .values_list("param", "no_pk", "opening_hours", "opening_hours")
        .distinct()
    )
    querysets.append(
        SynonymGroup.objects.order_by()
        .annotate(param=Value(SYNONYMS_BRANCH), empty=Value(""))
        .values_list("param", "pk", "terms", "empty")
    )
    terms = {name: [] for name in TERM_FILTERS}
    opening_hours = []
    synonym_groups = []
    for param, pk, slug, label in querysets[0].union(*querysets[1:], all=True):
        if param == OPENING_HOURS_BRANCH:
            opening_hours.append(slug)
        elif param == SYNONYMS_BRANCH:
            synonym_groups.append((pk, slug))
        else:
            terms[param].append((pk, slug, label))
    for rows in terms.values():
        rows.sort(key=lambda row: row[2].lower())
    return {
        "terms": terms,
        "opening_hours": sorted(opening_hours),
        # The editors' groups of equivalent terms, as typed (directory/synonyms.py reads them).
        "synonyms": [text for _, text in sorted(synonym_groups)],
    }


def load_terms(use_cache=True):
    """{GET parameter: [(pk, slug, label), ...]} for the four taxonomies, by label."""
    return load_vocabulary(use_cache)["terms"]


DIRECTORY_VERSION_KEY = "directory:version"


def directory_version():
    """A value that changes whenever the vocabulary is forgotten (any term or organisation saved or
    deleted, any import): keys of what is computed from the whole directory (the map's points) carry it."""
    return cache.get_or_set(DIRECTORY_VERSION_KEY, lambda: time.time_ns(), None)


def forget_vocabulary(**kwargs):
    cache.set_many({DIRECTORY_VERSION_KEY: time.time_ns()}, None)
    cache.delete(VOCABULARY_CACHE_KEY)
