"""The filters of the news list (?categorie=, ?etiquette=): unknown values are reported, never fatal."""

from taggit.models import Tag

from ess_site.typography import french

from .models import NewsCategory


class NewsFilters:
    def __init__(self, params):
        self.category_slug = (params.get("categorie") or "").strip()[:80]
        self.tag_slug = (params.get("etiquette") or "").strip()[:100]
        self.category = None
        self.tag = None
        self.messages = []

    def apply(self, items):
        if self.category_slug:
            self.category = NewsCategory.objects.filter(slug=self.category_slug).first()
            if self.category is None:
                self.messages.append(
                    french("La catégorie demandée n'existe pas : toutes les actualités sont affichées.")
                )
            else:
                items = items.filter(category=self.category)
        if self.tag_slug:
            self.tag = Tag.objects.filter(slug=self.tag_slug).first()
            if self.tag is None:
                self.messages.append(french("Le mot-clé demandé n'existe pas : il n'a pas été pris en compte."))
            else:
                items = items.filter(tagged_items__tag=self.tag)
        return items

    @property
    def active(self):
        return bool(self.category or self.tag)

    def querystring(self):
        """The active filters as a query string prefix for pagination links."""
        parts = []
        if self.category:
            parts.append(f"categorie={self.category.slug}")
        if self.tag:
            parts.append(f"etiquette={self.tag.slug}")
        return "&".join(parts)
