"""The published roadmap carries the programme: every key figure and both axis titles of the seed text
(../shared/seed/) appear on /feuille-de-route/. The figures and titles are read from the seed itself,
so a change of the programme text fails here until the roadmap follows."""

import re
from html import unescape
from pathlib import Path

import pytest

SEED_DIR = Path(__file__).resolve().parents[2] / "shared" / "seed"
SEED_FILE = "000_14131c9c65f7c137.txt"


def seed_text():
    candidates = [SEED_DIR / SEED_FILE, Path("/work/shared/seed") / SEED_FILE]
    for path in candidates:
        if path.exists():
            return path.read_text(encoding="utf-8")
    pytest.skip("Texte du programme introuvable (../shared/seed/).")


def normalise(text):
    """Compare as a reader would: same apostrophes, spaces and case, no HTML."""
    text = unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("\u2019", "'").replace("\u00a0", " ").replace("\u202f", " ")
    return re.sub(r"\s+", " ", text).strip().lower()


def key_figures(seed):
    """Numbers the programme states: 40 000 employees, 1 in 5, a quarter, 3 000 establishments, 92 %,
    250 employees, the 2023-2030 period, 2022 (France Active, RTES), the 1st and 7th arrondissements."""
    figures = {figure.strip() for figure in re.findall(r"\d[\d ]*\d|\d", seed)}
    # Keep the figures of the programme's content (URLs and list markers aside).
    return sorted(f for f in figures if f not in {"1", "7"} and not f.startswith("0"))


def axis_titles(seed):
    return [line.strip().rstrip(".") for line in seed.splitlines() if line.strip().startswith("Favoriser ")]


def test_the_seed_has_what_this_check_reads():
    seed = seed_text()
    assert len(axis_titles(seed)) == 2
    assert {"40 000", "3 000", "92", "250", "2023", "2030", "2022"} <= set(key_figures(seed))


def test_the_roadmap_page_carries_every_key_figure_and_axis_title(client, demo_site):
    seed = seed_text()
    page = normalise(client.get("/feuille-de-route/").content.decode())
    missing = [figure for figure in key_figures(seed) if normalise(figure) not in page]
    missing += [title for title in axis_titles(seed) if normalise(title) not in page]
    # Figures the programme writes in words, or that the page may spell out.
    for words in ("près du quart", "1er et 7", "capitale de l'innovation sociale"):
        if normalise(words) not in page:
            missing.append(words)
    if "1 salarié du secteur privé sur 5" not in page and "un salarié du secteur privé sur cinq" not in page:
        missing.append("près d'1 salarié du secteur privé sur 5")
    assert missing == []


@pytest.mark.parametrize(
    "passage",
    [
        "l'ensemble du tissu économique qui est invité",
        "en leur lançant le défi",
        "par ses statuts et ses principes, par ses pratiques et ses acteurs",
        "la Ville souhaite renforcer les leviers",
        "a vocation à proposer",
    ],
)
def test_the_roadmap_keeps_the_programmes_passages(client, demo_site, passage):
    seed = normalise(seed_text())
    assert normalise(passage) in seed  # the passage is the programme's
    assert normalise(passage) in normalise(client.get("/feuille-de-route/").content.decode())
