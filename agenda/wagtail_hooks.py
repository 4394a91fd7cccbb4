"""Admin: the dashboard shows this week's permanences; the event form previews its next dates."""

from django.templatetags.static import static
from django.urls import path
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component

from .admin_preview import recurrence_preview
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


@hooks.register("register_admin_urls")
def recurrence_preview_url():
    return [path("agenda/apercu-repetition/", recurrence_preview, name="agenda_recurrence_preview")]


@hooks.register("insert_editor_js")
def recurrence_preview_js():
    return format_html('<script src="{}" defer></script>', static("js/admin-recurrence.js"))
