"""Demo news written from the programme's text (shared/seed): three items, each dated when the fact it
reports happened, as precisely as the text says it (the first day of the period it names): the
France Active partnership « fin 2022 », the roadmap for 2023-2030 and the Régie de quartier it reports
as newly created."""

from datetime import date

from ess_site.demo import child_by_slug, ensure_page, home_page
from ess_site.typography import french as fr

from .models import NewsCategory, NewsIndexPage, NewsPage

CATEGORIES = ["Partenariats", "Vie du programme", "Quartiers"]


def rich(*paragraphs):
    return "".join(f"<p>{fr(p)}</p>" for p in paragraphs)


def paragraph(*paragraphs):
    return ("paragraph", rich(*paragraphs))


def heading(text):
    return ("heading", {"text": fr(text), "level": "h2"})


def news_items():
    return [
        dict(
            slug="partenariat-france-active",
            title="Un partenariat avec France Active pour mieux accompagner les porteurs de projet",
            date=date(2022, 12, 1),  # « Fin 2022 »
            category="Partenariats",
            tags=["France Active", "financement", "permanences"],
            intro=fr(
                "La Ville de Marseille s'appuie sur France Active Provence-Alpes-Côte d'Azur pour informer, former et "
                "financer les porteurs de projet de l'économie sociale et solidaire."
            ),
            body=[
                paragraph(
                    "Fin 2022, la Ville de Marseille a mis en place un partenariat avec France Active Provence-Alpes-Côte d'Azur. "
                    "Il vise à animer et à fédérer une dynamique pour que l'écosystème contribue aux enjeux de développement "
                    "économique, d'inclusion et de transition de la ville."
                ),
                heading("Des permanences et des formations collectives"),
                paragraph(
                    "Le partenariat vise à améliorer l'information des porteurs de projet au travers de permanences et de "
                    "sessions de formation collectives. Leurs dates sont publiées dans l'agenda du site."
                ),
                heading("De nouveaux outils de financement"),
                paragraph(
                    "Il renforce aussi la mobilisation des outils de France Active à Marseille, avec le test d'un nouvel outil de "
                    "relais de trésorerie pour le monde associatif, et cherche des solutions de financement pour des entrepreneurs "
                    "ou des projets collectifs, en collaboration avec les acteurs de référence."
                ),
            ],
        ),
        dict(
            slug="regie-de-quartier-noailles-belsunce",
            title="La Régie de quartier Noailles-Belsunce, une réponse au chômage dans l'hypercentre",
            date=date(2023, 1, 1),  # reported as newly created by the 2023-2030 roadmap
            category="Quartiers",
            tags=["insertion", "1er arrondissement", "7e arrondissement"],
            intro=fr(
                "Nouvellement créée dans les 1er et 7e arrondissements, la Régie de quartier Noailles-Belsunce recrute, forme "
                "et accompagne des salariés en insertion au service du cadre de vie du centre-ville."
            ),
            body=[
                paragraph(
                    "La Régie de quartier Noailles-Belsunce a pour ambition de proposer une réponse au chômage sur le territoire "
                    "de l'hypercentre marseillais, par le biais d'une structure d'insertion par l'activité économique."
                ),
                paragraph(
                    "En recrutant, formant et accompagnant dans la durée des salariés en insertion, la Régie vise également à "
                    "améliorer le cadre de vie du centre-ville et à impliquer les habitants dans la gestion urbaine de leur "
                    "territoire, aux côtés des bailleurs et de la municipalité."
                ),
                heading("Des services de proximité"),
                paragraph(
                    "Elle a vocation à proposer des services de proximité, notamment en matière de lien social, de médiation, de "
                    "végétalisation et de propreté urbaine, réalisés par des salariés en insertion."
                ),
            ],
        ),
        dict(
            slug="feuille-de-route-ess-et-rtes",
            title="Une feuille de route pour l'ESS et l'adhésion au RTES",
            date=date(2023, 1, 1),  # the roadmap's period starts in 2023
            category="Vie du programme",
            tags=["feuille de route", "RTES"],
            intro=fr(
                "Le conseil municipal a adopté une feuille de route économique pour 2023-2030\u00a0: l'un de ses axes mobilise "
                "l'économie sociale et solidaire. La Ville est membre du RTES depuis 2022."
            ),
            body=[
                paragraph(
                    "Le conseil municipal a adopté une feuille de route économique pour la période 2023-2030. L'un de ses axes "
                    "porte sur la mobilisation de l'ESS et des acteurs de l'impact pour répondre aux enjeux auxquels Marseille "
                    "fait face."
                ),
                paragraph(
                    "Avec 40 000 salariés, l'ESS emploie près d'un salarié du secteur privé sur cinq à Marseille. La ville "
                    "concentre près du quart des salariés de l'ESS régionale."
                ),
                heading("Membre du Réseau des collectivités territoriales pour une économie solidaire"),
                paragraph(
                    "La Ville de Marseille adhère au RTES depuis 2022. Avec la CRESS et France Active, le RTES fait partie des "
                    "acteurs de l'animation du territoire que cite la feuille de route."
                ),
            ],
        ),
    ]


def load(stdout=None):
    home = home_page()
    if home is None:
        return 0
    created = 0
    index, was_created = ensure_page(
        home,
        NewsIndexPage,
        "actualites",
        title="Actualités",
        show_in_menus=True,
        intro=rich(
            "Partenariats, vie des quartiers, feuille de route\u00a0: les nouvelles du programme ESS de la Ville de Marseille."
        ),
    )
    created += was_created
    categories = {}
    for name in CATEGORIES:
        categories[name], was_created = NewsCategory.objects.get_or_create(name=name)
        created += was_created
    for item in news_items():
        if child_by_slug(index, item["slug"]) is not None:
            continue
        tags = item.pop("tags")
        category = categories[item.pop("category")]
        page = NewsPage(category=category, **item)
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision().publish()
        created += 1
    return created
