"""The dashboard's « Approuver » and « Demander des modifications » (Wagtail's workflow action view)
act, then bring the moderator back to the dashboard without a word: the row simply disappears.
These views say what happened (published, scheduled, next step, changes requested) in a message.

Why views and not something lighter: Wagtail 8's ``task_approved`` / ``task_rejected`` signals (and
``Task.on_action``) receive the task state and the user but not the request, which a message needs;
``register_page_action_menu_item`` only adds buttons to the edit page's footer, not the dashboard's
approve / request-changes buttons; and no hook runs around the workflow action view. The dashboard's
buttons post to ``wagtailadmin_pages:workflow_action``, which Wagtail serves with the page viewset's
``workflow_action_view_class``: replacing that class (snippets: the organisation viewset's) is the
smallest supported change."""

from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin import messages
from wagtail.admin.utils import get_latest_str
from wagtail.admin.views.pages.workflow import WorkflowActionView as PageWorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page, TaskState

from .typography import format_clock, french


def outcome_message(obj, task_state):
    """French sentence for what the moderator's action did to `obj`, or None when nothing happened."""
    title = get_latest_str(obj)
    if task_state.status == TaskState.STATUS_REJECTED:
        return french(
            "Modifications demandées pour «\u00a0{title}\u00a0»\u00a0: la version soumise n'est pas publiée."
        ).format(title=title)
    if task_state.status != TaskState.STATUS_APPROVED:
        return None
    if obj.workflow_in_progress:
        following = obj.current_workflow_task
        step = french(" (étape suivante\u00a0: «\u00a0{name}\u00a0»)").format(name=following.name) if following else ""
        return french(
            "Étape «\u00a0{task}\u00a0» approuvée pour «\u00a0{title}\u00a0»\u00a0; la relecture continue{step}."
        ).format(task=task_state.task.name, title=title, step=step)
    revision = obj.latest_revision
    go_live_at = getattr(revision, "approved_go_live_at", None)
    if go_live_at and go_live_at > timezone.now():
        local = timezone.localtime(go_live_at)
        when = f"{date_format(local, 'j F Y')} à {format_clock(local.hour, local.minute)}"
        return french(
            "Approbation enregistrée\u00a0: mise en ligne de «\u00a0{title}\u00a0» programmée le {when}."
        ).format(title=title, when=when)
    return french("Approbation enregistrée\u00a0: «\u00a0{title}\u00a0» est en ligne dans sa version relue.").format(
        title=title
    )


class ReportedWorkflowActionMixin:
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        self.task_state.refresh_from_db()
        self.object.refresh_from_db()
        message = outcome_message(self.object, self.task_state)
        if message:
            messages.success(request, message)
        return response


class ReportedPageWorkflowActionView(ReportedWorkflowActionMixin, PageWorkflowActionView):
    pass


class ReportingPageViewSet(PageViewSet):
    """Wagtail's default page views, with the reporting workflow action (registered after Wagtail's
    own fallback for Page, so it replaces it for every page type without a viewset of its own)."""

    model = Page
    name = "ess_pages"
    workflow_action_view_class = ReportedPageWorkflowActionView
