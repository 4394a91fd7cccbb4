"""Search backends named in WAGTAILSEARCH_BACKENDS by search/backends.py (one module each)."""
