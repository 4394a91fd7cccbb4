from wagtail.snippets.models import register_snippet

from .models import NewsCategory

register_snippet(NewsCategory)
