"""Sections of the site that are views of a page rather than pages (the directory's map, the agenda's
permanences, month calendar and archives...): listed in the sitemap and found by the site search, so
that every page of the site can be reached in two ways (RGAA 12.1)."""

import re
import unicodedata
from dataclasses import dataclass


def _words(text):
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    # Singular and plural alike: "permanences" finds "permanence".
    return [word.rstrip("sx") or word for word in re.findall(r"\w+", plain)]


@dataclass(frozen=True)
class Section:
    title: str
    url: str
    description: str
    keywords: tuple = ()
    parent_id: int | None = None  # the page it is a view of (its place in the sitemap)

    is_section = True  # templates tell it from a page

    def matches(self, terms, prefix=False):
        """True when every word of `terms` is a word of the title, description or keywords (or starts one)."""
        wanted = _words(terms)
        if not wanted:
            return False
        words = set(_words(" ".join((self.title, self.description, *self.keywords))))
        if prefix:
            return all(any(word.startswith(term) for word in words) for term in wanted)
        return all(term in words for term in wanted)
