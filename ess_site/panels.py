"""Admin panels worded for their noun: Wagtail's InlinePanel says « Ajouter un(e) <label> » for every
model; `add_label` gives the button its French sentence (« Ajouter une date annulée »)."""

from wagtail.admin.panels import InlinePanel


class WordedInlinePanel(InlinePanel):
    def __init__(self, *args, add_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_label = add_label

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "add_label": self.add_label}

    class BoundPanel(InlinePanel.BoundPanel):
        template_name = "ess_site/admin/inline_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["add_label"] = self.panel.add_label
            return context
