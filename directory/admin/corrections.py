"""Admin listing of visitors' correction requests: editors read them, fix the entry, mark them "traitée"."""

from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSet

from directory.models import CorrectionRequest


class CorrectionRequestViewSet(SnippetViewSet):
    model = CorrectionRequest
    menu_label = "Signalements d'erreur"
    icon = "warning"
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["organisation_name", "status", Column("created_at", label="Reçue le"), "contact_email"]
    list_filter = ["status"]
    search_fields = ["organisation_name", "message"]
    ordering = ["status", "-created_at"]
    list_per_page = 50
    inspect_view_enabled = True
