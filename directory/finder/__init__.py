"""The public finder (/annuaire/): a request's steps, one module each, in the order it takes them.

views.py → results.py, which runs: criteria.py (read the criteria) → query.py (build the query) →
facets.py (count the facets) → sorting.py (sort and page) → display.py (decorate for display).
Beside them: vocabulary.py (filter parameters and cached terms), opening.py and hours.py (opening
hours), term_lists.py (an organisation's terms without a query each), jsonld.py, forms.py and
ratelimit.py (the correction form), signals.py (cache invalidation).
"""
