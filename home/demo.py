"""Demo page tree written from the programme's text (shared/seed): home, roadmap, guide, legal pages."""

from wagtail.models import Page, Site

from ess_site.demo import ensure_page
from ess_site.models import SiteSettings
from ess_site.typography import french as fr

from .models import (
    AccessibilityPage,
    ContentPage,
    GuidePage,
    HomePage,
    LegalNoticePage,
    LegalPage,
    OpenDataPage,
    RoadmapPage,
    SitemapPage,
)

AXIS_1 = "Favoriser le développement de projets structurants écologiquement et socialement responsables"
AXIS_2 = "Favoriser la structuration d'une économie sociale et solidaire populaire"

KEY_FIGURES = [
    ("40 000", "salariés dans l'économie sociale et solidaire à Marseille"),
    ("près d'1 sur 5", "salarié du secteur privé marseillais travaille dans l'ESS"),
    ("plus de 3 000", "établissements employeurs\u00a0: associations, coopératives, mutuelles…"),
    ("92 %", "des établissements de l'ESS sont des associations"),
    ("près du quart", "des salariés de l'ESS régionale travaillent à Marseille"),
]


def figures():
    return [
        ("figure", {"value": fr(value), "label": fr(label), "source": "Ville de Marseille, feuille de route 2023-2030"})
        for value, label in KEY_FIGURES
    ]


def link(url):
    return {"page": None, "url": url}


def rich(*paragraphs):
    return "".join(f"<p>{fr(p)}</p>" for p in paragraphs)


def bullets(*items):
    return "<ul>" + "".join(f"<li>{fr(i)}</li>" for i in items) + "</ul>"


def ensure_home():
    """The home page, made the default site's root. Wagtail's placeholder welcome page is removed."""
    site = Site.objects.filter(is_default_site=True).first()
    if site and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific, 0
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    created = 0
    if home is None:
        home = HomePage(
            title="Accueil",
            slug="accueil",
            hero_title=fr("L'économie sociale et solidaire, moteur d'une Marseille plus juste et plus verte"),
            intro=rich(
                "Associations, coopératives, mutuelles, fondations, entreprises sociales\u00a0: l'ESS emploie près d'un salarié "
                "du privé sur cinq à Marseille. Trouvez une structure près de chez vous, faites-vous accompagner dans "
                "votre projet et suivez l'action de la Ville."
            ),
            key_figures=figures(),
            axes=[
                (
                    "axis",
                    {
                        "number": 1,
                        "title": AXIS_1,
                        "anchor": "axe-1",
                        "summary": fr(
                            "Démultiplier l'impact des projets existants, accélérer ceux en développement et favoriser "
                            "l'émergence de nouveaux projets. L'ESS est présente sur l'ensemble des filières clés, en "
                            "particulier le maritime, les industries créatives et culturelles\u00a0; elle est aussi fortement "
                            "représentée dans l'action sociale et la transition écologique."
                        ),
                    },
                ),
                (
                    "axis",
                    {
                        "number": 2,
                        "title": AXIS_2,
                        "anchor": "axe-2",
                        "summary": fr(
                            "Faire de l'ESS un pilier du développement des quartiers populaires, par leurs propres habitants\u00a0: "
                            "tiers-lieux, régies de quartier, projets d'entraide comme l'Après M."
                        ),
                    },
                ),
            ],
            entry_points=[
                (
                    "entry",
                    {
                        "title": "Trouver une structure près de chez moi",
                        "icon": "pin",
                        "link": link("/annuaire/"),
                        "text": fr(
                            "Associations, coopératives, structures d'accompagnement\u00a0: l'annuaire géolocalisé de l'ESS à Marseille."
                        ),
                    },
                ),
                (
                    "entry",
                    {
                        "title": "Être accompagné",
                        "icon": "hand",
                        "link": link("/etre-accompagne/"),
                        "text": fr(
                            "Vous avez un projet\u00a0? Trouvez la structure qui vous aidera, de l'idée au changement d'échelle."
                        ),
                    },
                ),
                (
                    "entry",
                    {
                        "title": "Agenda des permanences",
                        "icon": "calendar",
                        "link": link("/agenda/permanences/"),
                        "text": fr(
                            "Les permanences d'information et les formations collectives annoncées par les structures "
                            "d'accompagnement."
                        ),
                    },
                ),
                (
                    "entry",
                    {
                        "title": "Actualités",
                        "icon": "news",
                        "link": link("/actualites/"),
                        "text": fr("Partenariats, vie des quartiers et nouvelles du programme ESS de la Ville."),
                    },
                ),
            ],
            seo_title="Économie sociale et solidaire à Marseille",
            search_description=fr(
                "Le programme de la Ville de Marseille pour l'économie sociale et solidaire\u00a0: annuaire, accompagnement, agenda."
            ),
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        created = 1
    # Point the default site at the home page and drop Wagtail's placeholder page.
    site = site or Site(hostname="localhost", port=80, is_default_site=True, site_name="ESS Marseille")
    placeholder = site.root_page if site.pk and site.root_page_id != home.pk else None
    site.root_page = home
    site.site_name = "ESS Marseille"
    site.save()
    if placeholder is not None and type(placeholder.specific) is Page and not placeholder.get_children().exists():
        placeholder.delete()
    return home, created


def roadmap_sections():
    return [
        (
            "section",
            {
                "anchor": "contexte",
                "title": "Le contexte",
                "actions": [],
                "body": rich(
                    "Le conseil municipal a adopté une feuille de route économique pour la période 2023-2030. L'un de ses axes porte "
                    "sur la mobilisation de l'économie sociale et solidaire et des acteurs de l'impact pour répondre aux enjeux "
                    "auxquels fait face Marseille.",
                    "Avec 40 000 salariés, l'ESS emploie près d'un salarié du secteur privé sur cinq à Marseille, et la ville concentre "
                    "près du quart des salariés de l'ESS régionale. Secteur créateur d'emplois non délocalisables, facteur de cohésion "
                    "sociale et territoriale, générateur d'innovation sociale et d'implication citoyenne, par ses statuts et ses "
                    "principes, par ses pratiques et ses acteurs, l'ESS apporte des solutions concrètes aux besoins quotidiens des "
                    "Marseillais et Marseillaises.",
                    "Dans un contexte d'urgence écologique et sociale, cette économie de la proximité et de la transition doit poursuivre "
                    "son développement à Marseille. Plus largement, c'est l'ensemble du tissu économique qui est invité à apporter des "
                    "réponses nouvelles aux enjeux posés au territoire. Marseille souhaite ainsi s'affirmer, au sein d'une Métropole "
                    "désignée capitale européenne de l'innovation en 2023, comme la capitale de l'innovation sociale, en misant sur la "
                    "diversité et le dynamisme de ses acteurs à impact et en leur lançant le défi de s'atteler, ensemble, à relever "
                    "les enjeux écologiques, économiques et sociaux auxquels elle est confrontée.",
                ),
            },
        ),
        (
            "section",
            {
                "anchor": "axe-1",
                "title": "Axe 1\u00a0: " + AXIS_1,
                "body": rich(
                    "Si l'innovation technologique est un moteur majeur de l'économie marseillaise, l'innovation sociale constitue "
                    "l'une des singularités très fortes du territoire. L'ESS représente plus de 3 000 établissements employeurs\u00a0: "
                    "associations, coopératives, mutuelles… Au côté d'une dizaine de locomotives de plus de 250 salariés, les très "
                    "petits établissements sont surreprésentés, ainsi que les associations (92 % des établissements).",
                    "L'ESS est présente sur l'ensemble des filières clés, en particulier le maritime, les industries créatives et "
                    "culturelles. Elle est aussi fortement représentée dans l'action sociale et la transition écologique (économie "
                    "circulaire, réemploi…). Il s'agit donc à la fois pour la Ville de démultiplier l'impact des projets déjà "
                    "existants, d'accélérer des projets en développement mais aussi de favoriser l'émergence de nouveaux projets.",
                )
                + "<h3>"
                + fr("Les leviers que la Ville souhaite renforcer")
                + "</h3>"
                + rich(
                    "Pour favoriser l'accueil et l'essaimage de projets, la Ville souhaite renforcer les leviers à sa disposition\u00a0:"
                )
                + bullets(
                    "un meilleur accès à la commande publique, grâce au futur Schéma de promotion des achats socialement et écologiquement responsables\u00a0;",
                    "la désignation d'interlocuteurs dédiés au sein de la Direction de l'Économie, du Tourisme, de l'Emploi, du Commerce et de l'Enseignement supérieur\u00a0;",
                    "un appui en ingénierie de projet, à la recherche de foncier et de locaux, à l'implantation et à la promotion des initiatives marseillaises.",
                ),
                "actions": [
                    fr(
                        "Animer le territoire avec la Chambre régionale de l'économie sociale et solidaire (CRESS), France Active et le RTES."
                    ),
                    fr(
                        "Soutien ou partenariats avec les acteurs-relais présents à Marseille\u00a0: URSCOP, Marseille Solutions, "
                        "Inter-Made, Les Têtes de l'Art…"
                    ),
                    fr(
                        "La Ville accentue son soutien aux acteurs du tiers-secteur afin de mieux accompagner les porteurs de "
                        "projets marseillais et promouvoir l'économie sociale et solidaire."
                    ),
                ],
            },
        ),
        (
            "section",
            {
                "anchor": "axe-2",
                "title": "Axe 2\u00a0: " + AXIS_2,
                "body": rich(
                    "Là où les difficultés sociales et économiques sont importantes, l'ESS représente le premier levier économique des "
                    "solidarités et du lien social de proximité. Ses associations, coopératives, mutuelles, fondations et autres "
                    "entreprises sociales permettent aux habitants de s'investir dans la transformation de leur cadre de vie, au "
                    "croisement de l'urgence sociale et écologique.",
                    "L'ESS doit constituer un pilier du développement et de la transformation des quartiers populaires marseillais, "
                    "par leurs propres habitants.",
                ),
                "actions": [
                    fr(
                        "À l'écoute des projets portés sur le territoire, la Ville a notamment appuyé le projet de l'Après M, "
                        "fast-food social et solidaire et plateforme d'entraide, né de la solidarité d'anciens employés du "
                        "McDonald's de Saint-Barthélémy, d'associations, d'organisations syndicales et d'habitants de divers "
                        "quartiers de Marseille."
                    ),
                    fr(
                        "Soutien au déploiement de tiers-lieux, par des subventions sur des projets d'intérêt général ou des apports en "
                        "nature (convention d'occupation temporaire, par exemple)."
                    ),
                    fr(
                        "Une attention particulière à l'émergence de tiers-lieux productifs et industriels, qui soutiennent par la "
                        "coopération des activités économiques locales innovantes."
                    ),
                ],
            },
        ),
        (
            "section",
            {
                "anchor": "exemples",
                "title": "Exemples d'actions",
                "actions": [],
                "body": "<h3>"
                + fr("Partenariat avec France Active Provence-Alpes-Côte d'Azur")
                + "</h3>"
                + rich(
                    "Fin 2022, la Ville de Marseille a mis en place un partenariat avec France Active, qui permet notamment\u00a0:"
                )
                + bullets(
                    "d'animer et de fédérer une dynamique afin que l'écosystème contribue aux enjeux de développement économique, d'inclusion et de transition de la ville\u00a0;",
                    "d'améliorer l'information des porteurs de projets au travers de permanences et de sessions de formation collectives\u00a0;",
                    "de renforcer la mobilisation des outils de France Active sur Marseille, avec le test d'un nouvel outil de relais de trésorerie pour le monde associatif\u00a0;",
                    "de trouver des solutions de financement pour des entrepreneurs ou des projets collectifs, en collaboration avec les acteurs de référence.",
                )
                + "<h3>"
                + fr("Création d'une régie de quartier dans les 1er et 7e arrondissements")
                + "</h3>"
                + rich(
                    "La Régie de quartier Noailles-Belsunce, nouvellement créée, a pour ambition de proposer une réponse au chômage "
                    "sur le territoire de l'hypercentre marseillais (1er et 7e arrondissements), par le biais d'une structure "
                    "d'insertion par l'activité économique. En recrutant, formant et accompagnant dans la durée des salariés en "
                    "insertion, la Régie vise également à améliorer le cadre de vie du centre-ville et à impliquer les habitants dans "
                    "la gestion urbaine de leur territoire, aux côtés des bailleurs et de la municipalité. Elle a vocation à proposer "
                    "des services de proximité, notamment en matière de lien social, de médiation, de végétalisation et de propreté "
                    "urbaine, réalisés par des salariés en insertion.",
                ),
            },
        ),
    ]


# (name, acronym, role as the programme states it, public website). The programme only names the
# acteurs-relais: their role here says no more than that, and no contact detail is invented.
RELAY_ROLE = "Acteur-relais présent à Marseille\u00a0: soutien ou partenariat de la Ville"
PARTNERS = [
    (
        "Chambre régionale de l'économie sociale et solidaire Provence-Alpes-Côte d'Azur",
        "CRESS",
        "Animation du territoire",
        "https://www.cresspaca.org/",
    ),
    (
        "France Active Provence-Alpes-Côte d'Azur",
        "",
        "Animation du territoire\u00a0; partenariat avec la Ville depuis fin 2022\u00a0: information des porteurs de projets "
        "(permanences, formations collectives), outils de financement",
        "https://franceactive-paca.org/",
    ),
    (
        "Réseau des collectivités territoriales pour une économie solidaire",
        "RTES",
        "Animation du territoire\u00a0; la Ville en est membre depuis 2022",
        "https://www.rtes.fr/",
    ),
    ("Union régionale des sociétés coopératives", "URSCOP", RELAY_ROLE, ""),
    ("Marseille Solutions", "", RELAY_ROLE, ""),
    ("Inter-Made", "", RELAY_ROLE, ""),
    ("Les Têtes de l'Art", "", RELAY_ROLE, "https://www.lestetesdelart.fr/"),
]

STAGES = [
    (
        "J'ai une idée",
        "Vérifiez votre idée, rencontrez d'autres porteurs de projet et découvrez les statuts de l'ESS. "
        "Les permanences d'information prévues par le partenariat avec France Active et le service ESS de la Ville "
        "vous orientent.",
    ),
    (
        "Je crée ma structure",
        "Construisez votre modèle économique, choisissez votre statut (association, SCOP, SCIC…) et "
        "préparez votre financement avec les structures d'accompagnement à la création et les incubateurs.",
    ),
    (
        "Je développe mon activité",
        "Trouvez des financements, des locaux, accédez à la commande publique et rejoignez les "
        "réseaux de l'ESS marseillaise.",
    ),
    (
        "Je change d'échelle",
        "Essaimez, coopérez, consolidez vos fonds propres\u00a0: les réseaux et les financeurs solidaires "
        "accompagnent les projets qui grandissent.",
    ),
    (
        "Je traverse une difficulté",
        "Trésorerie, gouvernance, perte d'un financement\u00a0: des dispositifs existent, comme le "
        "relais de trésorerie testé avec France Active pour les associations.",
    ),
]


def load(stdout=None):
    home, created = ensure_home()
    specs = [
        (
            RoadmapPage,
            "feuille-de-route",
            dict(
                title="Feuille de route ESS 2023-2030",
                show_in_menus=True,
                intro=rich(
                    "Le programme d'intervention de la Ville de Marseille dans le champ de l'économie sociale et solidaire\u00a0: "
                    "deux axes, les leviers que la Ville souhaite renforcer et les partenaires avec qui elle agit."
                ),
                key_figures=figures(),
                sections=roadmap_sections(),
                partners=[
                    ("partner", {"name": fr(n), "acronym": a, "role": fr(r), "url": u}) for n, a, r, u in PARTNERS
                ],
                rtes_membership_year=2022,
                source_url="https://www.marseille.fr/mairie/actualites/feuille-de-route-economique-2023-2030",
            ),
        ),
        (
            GuidePage,
            "etre-accompagne",
            dict(
                title="Être accompagné",
                show_in_menus=True,
                intro=rich(
                    "Vous portez un projet dans l'économie sociale et solidaire\u00a0? La Ville de Marseille et ses partenaires "
                    "vous informent, vous orientent et vous accompagnent, de l'idée au changement d'échelle."
                ),
                stages=[("stage", {"title": fr(t), "body": rich(b)}) for t, b in STAGES],
                body=[
                    ("heading", {"text": "Les interlocuteurs de la Ville", "level": "h2"}),
                    (
                        "paragraph",
                        rich(
                            "Pour favoriser l'accueil et l'essaimage de projets, la Ville souhaite renforcer les leviers à sa "
                            "disposition, dont la désignation d'interlocuteurs dédiés au sein de la Direction de l'Économie, du "
                            "Tourisme, de l'Emploi, du Commerce et de l'Enseignement supérieur, et un appui en ingénierie de projet, "
                            "à la recherche de foncier et de locaux, à l'implantation et à la promotion des initiatives marseillaises. "
                            "Pour les joindre, voyez «\u00a0Contacter le service ESS de la Ville\u00a0» sur cette page."
                        ),
                    ),
                    (
                        "faq",
                        {
                            "title": "Questions fréquentes",
                            "items": [
                                {
                                    "question": fr("Faut-il être une association pour être accompagné\u00a0?"),
                                    "answer": rich(
                                        "Non. Associations, coopératives, entreprises solidaires d'utilité sociale, mutuelles et fondations "
                                        "peuvent être accompagnées, comme les personnes qui n'ont pas encore créé leur structure."
                                    ),
                                },
                                {
                                    "question": fr("Comment rencontrer une structure d'accompagnement\u00a0?"),
                                    "answer": rich(
                                        "Chaque permanence publiée dans l'agenda indique où elle se tient, avec qui, et comment "
                                        "réserver. Chaque fiche de l'annuaire dit comment joindre la structure."
                                    ),
                                },
                            ],
                        },
                    ),
                ],
            ),
        ),
        (
            ContentPage,
            "qu-est-ce-que-l-ess",
            dict(
                title="Qu'est-ce que l'ESS\u00a0?",
                show_in_menus=True,
                intro=rich(
                    "L'économie sociale et solidaire rassemble des entreprises qui concilient activité économique et utilité "
                    "sociale\u00a0: associations, coopératives, mutuelles, fondations et entreprises solidaires."
                ),
                body=[
                    ("heading", {"text": "Des principes communs", "level": "h2"}),
                    (
                        "paragraph",
                        rich(
                            "Les structures de l'ESS partagent une gouvernance démocratique, une lucrativité limitée "
                            "et un ancrage local. Elles créent des emplois non délocalisables."
                        ),
                    ),
                    (
                        "quote",
                        {
                            "quote": fr(
                                "L'ESS apporte des solutions concrètes aux besoins quotidiens des Marseillais et Marseillaises."
                            ),
                            "attribution": "Feuille de route économique 2023-2030",
                        },
                    ),
                    ("key_figures", {"title": "En chiffres", "figures": [f[1] for f in figures()[:3]]}),
                    (
                        "call_to_action",
                        {
                            "title": "Trouver une structure de l'ESS",
                            "text": fr("Recherchez par quartier, par filière ou autour de vous."),
                            "link": link("/annuaire/"),
                            "link_label": "Ouvrir l'annuaire",
                        },
                    ),
                ],
            ),
        ),
        (
            AccessibilityPage,
            "accessibilite",
            dict(
                title="Accessibilité",
                show_in_menus=False,
                intro=rich(
                    "Déclaration d'accessibilité du site de l'économie sociale et solidaire de la Ville de Marseille."
                ),
                exempt_content=[
                    (
                        "paragraph",
                        rich(
                            "Le fond des cartes de l'annuaire (tuiles cartographiques OpenStreetMap), service de "
                            "cartographie en ligne\u00a0: les informations essentielles (noms, adresses, liens vers les "
                            "fiches) sont données sous forme accessible dans la liste des résultats et sur chaque fiche."
                        ),
                    )
                ],
            ),
        ),
        (
            LegalNoticePage,
            "mentions-legales",
            dict(
                title="Mentions légales",
                show_in_menus=False,
                # The publisher, the publication director and the host come from the site settings.
                body=[
                    ("heading", {"text": "Réutilisation des contenus", "level": "h2"}),
                    (
                        "paragraph",
                        rich(
                            "Les données de l'annuaire et de l'agenda sont publiées sous Licence Ouverte (Etalab) 2.0\u00a0: "
                            "leurs formats et leurs schémas sont décrits sur la page «\u00a0Données ouvertes\u00a0». Les limites "
                            "des arrondissements proviennent de l'IGN (GEOFLA) et les points de référence des codes "
                            "postaux de la base officielle de La Poste, sous la même licence."
                        ),
                    ),
                ],
            ),
        ),
        (
            OpenDataPage,
            "donnees-ouvertes",
            dict(
                title="Données ouvertes",
                show_in_menus=False,
                intro=rich(
                    "L'annuaire de l'ESS, l'agenda et les actualités se réutilisent librement\u00a0: voici chaque export, "
                    "avec son format, son schéma, sa licence et sa dernière mise à jour."
                ),
            ),
        ),
        (
            LegalPage,
            "donnees-personnelles",
            dict(
                title="Données personnelles",
                show_in_menus=False,
                body=[
                    (
                        "paragraph",
                        rich(
                            "Ce site ne dépose aucun cookie de mesure d'audience ni de publicité. Aucune donnée n'est "
                            "transmise à des tiers, à l'exception des tuiles de carte, chargées auprès du fournisseur "
                            "cartographique uniquement sur les pages qui affichent une carte."
                        ),
                    ),
                    ("heading", {"text": "Géolocalisation", "level": "h2"}),
                    (
                        "paragraph",
                        rich(
                            "Le bouton «\u00a0Autour de moi\u00a0» utilise la position fournie par votre navigateur, avec votre accord. "
                            "Elle sert uniquement à trier les résultats et n'est pas conservée."
                        ),
                    ),
                    ("heading", {"text": "Formulaires", "level": "h2"}),
                    (
                        "paragraph",
                        rich(
                            "Les signalements d'erreur envoyés depuis l'annuaire sont conservés le temps de leur traitement "
                            "par les agents de la Ville, puis supprimés. Vous pouvez exercer vos droits d'accès, de "
                            "rectification et d'effacement auprès du délégué à la protection des données de la Ville."
                        ),
                    ),
                ],
            ),
        ),
        (SitemapPage, "plan-du-site", dict(title="Plan du site", show_in_menus=False)),
    ]
    for model, slug, fields in specs:
        _, was_created = ensure_page(home, model, slug, **fields)
        created += was_created
    ensure_site_settings()
    return created


# What the demo writes into fresh site settings: only what is public and certain. Hosting is left
# empty (the dashboard asks editors for it); no e-mail or phone number is invented for the City.
DEMO_SETTINGS = {
    "legal_publisher": "Ville de Marseille",
    "legal_publisher_address": "Hôtel de Ville\nQuai du Port\n13002 Marseille",
    "legal_director": "Le maire de Marseille",
    "contact_website": "https://www.marseille.fr/",
}


def ensure_site_settings():
    """Fill the default site's settings the first time only: a later run never overwrites an editor."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or SiteSettings.objects.filter(site=site).exists():
        return
    SiteSettings.objects.create(site=site, **DEMO_SETTINGS)
