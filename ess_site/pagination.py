"""One page of a list from the `page` GET parameter, or a French message when there is no such page."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def page_or_message(items, per_page, number, missing_message):
    """(page, "") or (None, missing_message) for a number that is not a page of the list."""
    try:
        return Paginator(items, per_page).page(number or 1), ""
    except (EmptyPage, PageNotAnInteger):
        return None, missing_message
