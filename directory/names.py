"""Names for display: a register's capitals (« ASSOC ADPEI », « ACTA VISTA ») become readable French
(« Assoc. ADPEI », « Acta Vista »), keeping acronyms and the spellings editors list in
Annuaire > Sigles et graphies. Names already in mixed case are never touched: someone wrote them.

Only the case changes (and « ASSOC » gains its full stop): the words, hence the finder's folded search
and the importer's matching by name (slugified), are the same before and after.
"""

import re

from directory.models import Acronym
from directory.models.search_text import fold

# Articles, prepositions and conjunctions: lower-case inside a name.
SMALL_WORDS = {
    "a", "à", "au", "aux", "avec", "chez", "d", "dans", "de", "des", "du", "en", "entre", "et", "l", "la",
    "le", "les", "ou", "par", "pour", "sans", "sous", "sur", "un", "une", "vers",
}  # fmt: skip
# Elided words before an apostrophe (« D'INSERTION » → « d'insertion »).
ELIDED = {"d", "l", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu"}
# Register abbreviations and how they are written.
ABBREVIATIONS = {"assoc": "Assoc.", "ste": "Sté", "sarl": "SARL", "sas": "SAS", "sa": "SA"}
VOWELS = set("aeiouyàâäéèêëîïôöùûüÿœæ")
ROMAN = re.compile(r"[IVX]{2,4}")
TOKEN = re.compile(r"[^\W\d_]+|[\d_]+|[^\w]+")


def is_shouting(name):
    """All capitals (at least three letters and no lower-case one): a register's style."""
    letters = [char for char in name or "" if char.isalpha()]
    return len(letters) >= 3 and not any(char.islower() for char in letters)


def spellings():
    """{folded term: spelling} from the editors' table."""
    return {fold(term): term for term in Acronym.objects.values_list("term", flat=True)}


def _word(word, first, before, after, known):
    folded = fold(word)
    if folded in known:
        return known[folded]
    if folded.endswith(("s", "x")) and folded[:-1] in known and not known[folded[:-1]].isupper():
        return known[folded[:-1]] + folded[-1]  # « SOLIDARITES » → « Solidarités »
    if folded in ABBREVIATIONS:
        spelled = ABBREVIATIONS[folded]
        return spelled[:-1] if spelled.endswith(".") and after.startswith(".") else spelled
    if after[:1] in "'’" and folded in ELIDED:
        return word.capitalize() if first else word.lower()
    if not first and folded in SMALL_WORDS and before.strip(" ") in ("", "-"):
        return "à" if word == "A" else word.lower()
    if len(word) >= 2 and (ROMAN.fullmatch(word) or not VOWELS & set(word.lower())):
        return word  # no vowel (« CCFD », « PLM ») or a roman numeral: an acronym
    return word[:1].upper() + word[1:].lower()


def display_name(name, known=None):
    """The readable form of a name written in capitals; any other name is returned as it is."""
    if not is_shouting(name):
        return name
    known = spellings() if known is None else known
    tokens = TOKEN.findall(" ".join(name.split()))
    out, first = [], True
    for index, token in enumerate(tokens):
        if token[0].isalpha():
            before = tokens[index - 1] if index else ""
            after = tokens[index + 1] if index + 1 < len(tokens) else ""
            token = _word(token, first, before, after, known)
            first = False
        elif "(" in token or "«" in token or '"' in token:
            first = True  # a new phrase starts: « ATELIER (LE PASSAGE) »
        out.append(token)
    result = "".join(out)
    return result if len(result) <= 200 else name


def normalise_name(organisation, known=None):
    """Give a name in capitals its display form and keep the written one in `raw_name`. True if changed."""
    readable = display_name(organisation.name, known)
    if readable == organisation.name:
        return False
    organisation.raw_name = organisation.name
    organisation.name = readable
    return True
