"""The admin form of the pages editors create again and again (news, events, content pages).

An attempt given up half-way (the editor left, or only autosave ran) leaves a draft that was never
published; its address (slug) would block the next attempt at the same page with « Le slug … est déjà
utilisé ». Such a draft blocks nothing: the new page takes the next free address (« -2 », « -3 »…),
shown in the « Promotion » tab, and the draft stays where it was, in the parent's list of pages.
A live or once-published page keeps its address to itself: its URL is known outside."""

from wagtail.admin.forms import WagtailAdminPageForm


def free_slug(siblings, slug):
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    number = 2
    while f"{slug}-{number}" in taken:
        number += 1
    return f"{slug}-{number}"


class EditorPageForm(WagtailAdminPageForm):
    def clean(self):
        slug = self.cleaned_data.get("slug")
        parent = getattr(self, "parent_page", None)
        if slug and parent is not None:
            siblings = parent.get_children()
            if self.instance.pk:
                siblings = siblings.exclude(pk=self.instance.pk)
            blocker = siblings.filter(slug=slug).first()
            if blocker is not None and not blocker.live and blocker.first_published_at is None:
                self.cleaned_data["slug"] = free_slug(siblings, slug)
        return super().clean()
