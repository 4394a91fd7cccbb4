"""The event form in the admin: a permanence must say where, with whom and how to book."""

from ess_site.page_forms import EditorPageForm


class EventPageForm(EditorPageForm):
    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("event_type") != "permanence":
            return cleaned_data
        data = lambda name: cleaned_data.get(name)  # noqa: E731
        if not data("organiser"):
            self.add_error("organiser", "Indiquez avec qui\u00a0: la structure de l'annuaire qui tient la permanence.")
        if not (data("place") or data("place_name") or data("place_address") or data("online_url")):
            self.add_error(
                "place_name", "Indiquez où\u00a0: un lieu, ou un lien de participation pour une permanence à distance."
            )
        if not (data("registration_url") or (data("booking_info") or "").strip()):
            self.add_error("booking_info", "Indiquez comment réserver, ou un lien d'inscription.")
        return cleaned_data
