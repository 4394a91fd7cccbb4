"""The demo's finder page: /annuaire/ under the home page (idempotent, never overwrites editors' work)."""

from ess_site.demo import ensure_page, home_page
from ess_site.typography import french

from .page_models import DirectoryPage

INTRO = (
    "<p>Les organisations de l'économie sociale et solidaire à Marseille : cherchez par nom ou par activité, "
    "autour de vous ou près d'une adresse, et affinez par filière, public ou service d'accompagnement.</p>"
)


def load_directory_page(stdout=None):
    """Create the DirectoryPage if missing; returns how many pages were created (0 or 1)."""
    home = home_page()
    if home is None:
        return 0
    _, created = ensure_page(
        home, DirectoryPage, "annuaire", title="Annuaire", show_in_menus=True, intro=french(INTRO),
        seo_title="Annuaire des acteurs de l'ESS à Marseille",
    )
    return int(created)
