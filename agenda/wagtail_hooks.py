"""Admin: the dashboard shows this week's permanences."""

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .selectors import this_week_permanences


class ThisWeekPermanencesPanel(Component):
    name = "this_week_permanences"
    template_name = "events/admin/this_week_permanences.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["occurrences"] = this_week_permanences()
        return context


@hooks.register("construct_homepage_panels")
def add_this_week_permanences(request, panels):
    panels.append(ThisWeekPermanencesPanel())
