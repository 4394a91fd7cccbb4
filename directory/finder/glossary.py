"""/annuaire/glossaire/: the acronyms of the directory and what they mean (Annuaire > Sigles et graphies)."""

from directory.models import Acronym


def glossary(request, page):
    entries = Acronym.objects.exclude(expansion="").order_by("term")
    return page.render(request, template="directory/glossary.html", context_overrides={"entries": entries})
