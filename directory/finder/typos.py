"""The finder's typo tolerance: when a search found nothing, the same search with the words
corrected (directory/spelling.py), announced: « Aucune organisation pour « insertoin » : résultats
pour « insertion ». » Kept out of the main path (results.py, query.py): it only runs on zero results."""

from directory import spelling
from ess_site.typography import french

from . import results


def find_forgiving(params, find=results.find):
    """results.find(params), or, when it found nothing for words that look mistyped, the corrected search."""
    result = find(params)
    typed = result.criteria.query
    if result.total or not typed or result.criteria.place_from_query:
        return result
    correction = spelling.corrected(typed)
    if not correction:
        return result
    changed = params.copy()
    changed["q"] = correction
    retried = find(changed)
    if not retried.total:
        return result
    retried.corrected_from = typed
    retried.messages.insert(0, french(f"Aucune organisation pour « {typed} » : résultats pour « {correction} »."))
    return retried
