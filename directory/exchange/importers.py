"""Import organisations from our CSV format or from data·inclusion v1 `structures` JSON.

One importer for the command line and the admin: readers turn a file into records (values already
typed, or the reasons they are not), then `import_records` upserts them by (source, source id), then
SIRET, then our own identifier (slug). A bad record is reported (line or index, field, reason in
French) and skipped; the rest goes in. Writes happen in chunks (bulk queries) so 10 000 rows take
seconds, not minutes. No network during an import: records without a point get their postcode's
reference point and are marked "à géocoder" for `manage.py geocode_directory`.
"""

import codecs
import csv
import datetime
import functools
import io
import json
import logging
import math
import os
from dataclasses import dataclass, field

from data_inclusion.schema import v1
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from django_tasks import task
from pydantic import ValidationError as PydanticValidationError
from wagtail.models import ModelLogEntry
from wagtail.search.backends import get_search_backends
from wagtail.search.index import RelatedFields

import geography
from agenda.filters import forget_organiser_choices
from directory.classification import import_step
from directory.finder.signals import all_organisation_paths
from directory.finder.vocabulary import forget_vocabulary
from directory.geo.location import place_at_reference_point
from directory.models import (
    Audience,
    Label,
    LocationSource,
    Organisation,
    Sector,
    ServiceSheet,
    SupportService,
    sync_sheets_with_services,
)
from directory.models.organisation import DESCRIPTION_FEATURES
from directory.models.slugs import free_slug
from ess_site.frontend_cache import purge_paths
from ess_site.rich_text import clean_rich_text, rich_text_from_import, text_to_rich_text
from ess_site.spreadsheet import SafeCsvWriter, restore_cell
from ess_site.typography import french

from . import csv_format, spreadsheets
from .errors import ImportFileError

logger = logging.getLogger(__name__)

CHUNK_SIZE = 500
INDEX_CHUNK_SIZE = 1000
# The `source` of our own records in data·inclusion exports (structures without a foreign source).
OUR_SOURCE = "ville-marseille-ess"
TERM_MODELS = {"sectors": Sector, "labels": Label, "support_services": SupportService, "audiences": Audience}
TRUE_WORDS = {"oui", "o", "yes", "y", "vrai", "true", "1", "x"}
FALSE_WORDS = {"non", "n", "no", "faux", "false", "0"}
# An empty cell leaves the field as it is; this marker empties it (docs/annuaire-donnees.md).
CLEAR_MARKER = "-"
PUBLISH_PERMISSION = "directory.publish_organisation"
IMPORT_LOG_ACTION = "directory.import"
UNPUBLISH_REFUSED = (
    "publier ou dépublier une organisation est réservé à la modération\u00a0; ligne ignorée, rien n'est modifié."
)
# Revisions, draft state and locks: Wagtail's, never read from or written by a file.
WAGTAIL_BOOKKEEPING = (
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "latest_revision",
    "live_revision",
    "go_live_at",
    "expire_at",
    "expired",
    "locked",
    "locked_at",
    "locked_by",
)
# Fields compared to decide "updated" vs "unchanged" (bookkeeping fields excluded).
COMPARED_FIELDS = [
    f.name
    for f in Organisation._meta.concrete_fields
    if f.name not in ("id", "created_at", "updated_at", "synthetic", "logo") + WAGTAIL_BOOKKEEPING
    and not getattr(f, "generated", False)
]


@dataclass
class Issue:
    position: str  # "ligne 12", "enregistrement 3"
    field: str
    message: str

    def __str__(self):
        where = f"{self.position[:1].upper()}{self.position[1:]}"
        return french(f"{where}, {'champ « ' + self.field + ' »' if self.field else 'enregistrement'} : {self.message}")


@dataclass
class Record:
    position: str
    values: dict = field(default_factory=dict)  # model field -> typed value (present columns only)
    m2m: dict = field(default_factory=dict)  # m2m field -> set of pks (present columns only)
    # data·inclusion: replace only the labels that map to a `reseaux_porteurs` code
    mapped_labels: set | None = None
    errors: list = field(default_factory=list)  # (column, message)
    field_names: dict = field(default_factory=dict)  # model field -> column name, for messages
    date_maj: str | None = None  # data·inclusion: the producer's last update


@dataclass
class Change:
    """One field of an updated organisation: its old and new value, as text (for people)."""

    position: str
    organisation: str  # its name before the import
    slug: str
    field: str  # the CSV column (or the data·inclusion field) when there is one, else the model field
    old: str
    new: str

    def __str__(self):
        return f"{self.field}\u00a0: {self.old or '(vide)'} → {self.new or '(vide)'}"


@dataclass
class ImportReport:
    dry_run: bool = False
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    issues: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    changes: list = field(default_factory=list)  # Change, per updated organisation and field
    moderated: bool = False  # imported by someone who may not publish: drafts for "Modération"
    pending_moderation: int = 0
    created_names: list = field(default_factory=list)  # (position, name, slug)

    @property
    def total(self):
        return self.created + self.updated + self.unchanged + self.skipped

    def summary(self):
        prefix = "Simulation (rien n'est enregistré)\u00a0: " if self.dry_run else ""
        text = (
            f"{prefix}{self.total} enregistrement(s) lu(s). Créées\u00a0: {self.created}\u00a0; mises à jour\u00a0: {self.updated}\u00a0; "
            f"inchangées\u00a0: {self.unchanged}\u00a0; ignorées (erreurs)\u00a0: {self.skipped}."
        )
        if self.moderated:
            text += (
                " Vous ne pouvez pas publier\u00a0: les créations et modifications sont enregistrées comme brouillons,"
                " à publier par la modération."
            )
        return french(text)

    def as_csv(self):
        """The report as CSV (UTF-8 with BOM for spreadsheets): one row per changed field, per
        created organisation and per problem."""
        out = io.StringIO()
        writer = SafeCsvWriter(out)
        writer.writerow(
            ["ligne", "action", "organisation", "identifiant", "champ", "ancienne valeur", "nouvelle valeur", "message"]
        )
        for change in self.changes:
            writer.writerow(
                [
                    change.position,
                    "mise à jour",
                    change.organisation,
                    change.slug,
                    change.field,
                    change.old,
                    change.new,
                    "",
                ]
            )
        for created in self.created_names:
            writer.writerow([created[0], "création", created[1], created[2], "", "", "", ""])
        for issue in self.issues:
            writer.writerow([issue.position, "erreur", "", "", issue.field, "", "", issue.message])
        return "\ufeff" + out.getvalue()

    def changes_by_organisation(self):
        """[(position, name, slug, [Change])] in file order."""
        groups = {}
        for change in self.changes:
            groups.setdefault((change.position, change.organisation, change.slug), []).append(change)
        return [(*key, items) for key, items in groups.items()]

    def change_lines(self):
        """The changes as French lines: a heading per organisation, then one line per field."""
        lines = []
        for position, name, slug, changes in self.changes_by_organisation():
            lines.append(french(f"{position[:1].upper()}{position[1:]} : « {name} » ({slug})"))
            lines.extend(french(f"  {change}") for change in changes)
        return lines


# ---------------------------------------------------------------------------------------------
# Value parsing


class TermResolver:
    """Taxonomy slugs and labels -> pks, loaded once per import."""

    def __init__(self):
        self.lookup = {}
        self.di_labels = {}
        self.slugs = {}  # (m2m field, pk) -> slug, for reports
        for name, model in TERM_MODELS.items():
            table = {}
            for term in model.objects.all():
                self.slugs[(name, term.pk)] = term.slug
                table[term.slug.lower()] = term.pk
                table[term.label.lower()] = term.pk
                if name == "labels" and term.di_reseau_porteur:
                    self.di_labels.setdefault(term.di_reseau_porteur, term.pk)
            self.lookup[name] = table
        self.mapped_label_pks = set(self.di_labels.values())

    def text(self, name, pks):
        return csv_format.LIST_SEPARATOR.join(sorted(self.slugs.get((name, pk), str(pk)) for pk in pks))

    def resolve(self, name, raw):
        pks, unknown = set(), []
        for item in (part.strip() for part in raw.split(csv_format.LIST_SEPARATOR)):
            if not item:
                continue
            pk = self.lookup[name].get(item.lower())
            if pk is None:
                unknown.append(item)
            else:
                pks.add(pk)
        return pks, unknown


@functools.cache
def _choice_lookup(enum):
    """{value or label, lower case: value} of a choices enum (built once: it is read for every row)."""
    lookup = {}
    for value, label in reversed(enum.choices):
        lookup[str(label).lower()] = value
        lookup[value.lower()] = value
    return lookup


def parse_choice(enum, raw):
    return _choice_lookup(enum).get(raw.strip().lower())


def parse_bool(raw):
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return None


def parse_float(raw):
    value = float(raw.strip().replace(",", "."))
    if not math.isfinite(value):
        raise ValueError(raw)
    return value


# ---------------------------------------------------------------------------------------------
# Readers


def _text_stream(source):
    """A text stream (UTF-8, BOM removed) from a path, bytes, or a binary/text file object."""
    if isinstance(source, str | os.PathLike):
        return open(source, encoding="utf-8-sig", newline="")
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    if isinstance(source, io.TextIOBase):
        return source
    return codecs.getreader("utf-8-sig")(source)


def _content(source):
    """The file's bytes (or text, for a text stream) from a path, bytes or a file object."""
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read()
    if isinstance(source, bytes):
        return source
    return source.read()


def detect_delimiter(first_line):
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_rows(content):
    """(line number, cells) of a CSV text; a quoted cell may span lines: its row keeps its first line."""
    content = content.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(content, newline=""), delimiter=detect_delimiter(content.split("\n", 1)[0]))
    line = 0
    for row in reader:
        start, line = line + 1, reader.line_num
        yield start, row


def table_rows(source):
    """(line number, cells as text) of a CSV (UTF-8, `,` or `;`) or XLSX file, header first."""
    content = _content(source)
    if isinstance(content, bytes) and spreadsheets.is_xlsx(content):
        return spreadsheets.xlsx_rows(content)
    if isinstance(content, bytes):
        try:
            content = content.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                "Le fichier n'est pas encodé en UTF-8\u00a0: enregistrez-le en «\u00a0CSV UTF-8\u00a0» ou en classeur XLSX."
            ) from error
    return _csv_rows(content)


class ColumnMappingNeeded(ImportFileError):
    """The header has no name column, or columns we do not know: someone must say what each holds."""

    def __init__(self, header, columns):
        self.header, self.columns = header, columns
        unknown = [name for name, column in zip(header, columns, strict=True) if name.strip() and not column]
        if "nom" not in columns:
            text = "La ligne d'en-tête doit contenir une colonne pour le nom (« nom », « name », « raison_sociale »…)"
        else:
            text = "Colonnes inconnues : " + ", ".join(f"« {name} »" for name in unknown)
        super().__init__(french(text + " : indiquez ce que contient chaque colonne (voir les colonnes documentées)."))


def header_columns(header, mapping=None):
    """Our column for each header cell (None: ignored). `mapping`, when given, is the editor's choice
    for each position ("" to ignore); otherwise the aliases guess, first column winning a tie."""
    if mapping is not None:
        return [column or None for column in list(mapping)[: len(header)]] + [None] * (len(header) - len(mapping))
    columns, taken = [], set()
    for name in header:
        column = csv_format.column_for_header(name)
        columns.append(column if column not in taken else None)
        taken.add(column)
    return columns


def _header_and_rows(source):
    """(header cells, an iterator of the (line, cells) that follow)."""
    rows = iter(table_rows(source))
    try:
        _, header = next(rows)
    except StopIteration:
        raise ImportFileError("Le fichier est vide.") from None
    return [str(name).strip() for name in header], rows


def read_header(source, samples=3):
    """(header, guessed columns, a few values of each column) of a file, for the admin's
    column-mapping step."""
    header, rows = _header_and_rows(source)
    values = [[] for _ in header]
    for _line, row in rows:
        for index, cell in enumerate(row[: len(header)]):
            if cell.strip() and len(values[index]) < samples:
                values[index].append(cell.strip()[:60])
        if all(len(column) >= samples for column in values):
            break
    return header, header_columns(header), values


def needs_column_mapping(header, columns):
    """True when a header is unknown or no column holds the name: the admin asks the editor."""
    return "nom" not in columns or any(name and not column for name, column in zip(header, columns, strict=True))


def read_csv(source, resolver=None, mapping=None):
    """Records of a CSV or XLSX file in our documented columns or their aliases (see csv_format).
    `mapping`: the column chosen for each header position when the file's headers are not ours."""
    resolver = resolver or TermResolver()
    header, rows = _header_and_rows(source)
    columns = header_columns(header, mapping)
    if "nom" not in columns:  # unknown columns only are ignored (and said); the admin asks first
        raise ColumnMappingNeeded(header, columns)
    ignored = [name for name, column in zip(header, columns, strict=True) if name and not column]
    records = []
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            continue
        cells = {column: cell for column, cell in zip(columns, row, strict=False) if column}
        records.append(csv_record(cells, f"ligne {line}", resolver))
    label = "Colonne ignorée" if mapping is not None else "Colonne ignorée (inconnue)"
    return records, [french(f"{label} : « {name} ».") for name in ignored]


def csv_record(cells, position, resolver):
    record = Record(position=position, field_names=dict(csv_format.COLUMN_BY_FIELD))
    for column, raw in cells.items():
        model_field = csv_format.FIELD_BY_COLUMN.get(column)
        if model_field is None or model_field == "arrondissement":
            continue  # the arrondissement is always computed
        raw = (raw or "").strip()
        if not raw:
            continue  # an empty cell changes nothing
        raw = "" if raw == CLEAR_MARKER else restore_cell(raw)
        try:
            record_value(record, column, model_field, raw, resolver)
        except ValueError as error:
            record.errors.append((column, str(error)))
    if record.values.get("phone", "").isdigit() and len(record.values["phone"]) == 9:
        record.values["phone"] = "0" + record.values["phone"]  # a spreadsheet's number lost its 0
    if not record.values.get("name") and "name" not in [e[0] for e in record.errors]:
        record.errors.append(("nom", "le nom est obligatoire."))
    return record


def record_value(record, column, model_field, raw, resolver):
    values = record.values
    if model_field in csv_format.M2M_FIELDS:
        pks, unknown = resolver.resolve(model_field, raw)
        if unknown:
            raise ValueError(french(f"valeur(s) inconnue(s) : {', '.join('« ' + u + ' »' for u in unknown)}."))
        record.m2m[model_field] = pks
    elif model_field == "project_stages":
        stages = []
        for item in filter(None, (part.strip() for part in raw.split(csv_format.LIST_SEPARATOR))):
            code = parse_choice(csv_format.CHOICE_FIELDS["project_stages"], item)
            if code is None:
                raise ValueError(french(f"étape inconnue : « {item} »."))
            stages.append(code)
        values[model_field] = stages
    elif model_field in csv_format.CHOICE_FIELDS:
        if not raw:
            default = Organisation._meta.get_field(model_field).get_default()
            values[model_field] = default
            return
        code = parse_choice(csv_format.CHOICE_FIELDS[model_field], raw)
        if code is None:
            allowed = ", ".join(v for v, _ in csv_format.CHOICE_FIELDS[model_field].choices if v)
            raise ValueError(french(f"valeur inconnue « {raw} » (valeurs possibles : {allowed})."))
        values[model_field] = code
    elif model_field in ("latitude", "longitude"):
        try:
            values[model_field] = parse_float(raw) if raw else None
        except ValueError:
            raise ValueError(french(f"nombre attendu, « {raw} » reçu.")) from None
    elif model_field == "last_verified":
        try:
            values[model_field] = datetime.date.fromisoformat(raw) if raw else None
        except ValueError:
            raise ValueError(french(f"date attendue au format AAAA-MM-JJ, « {raw} » reçu.")) from None
    elif model_field == "live":
        flag = parse_bool(raw)
        if flag is None:
            raise ValueError(french(f"« oui » ou « non » attendu, « {raw} » reçu."))
        values[model_field] = flag
    elif model_field == "social_links":
        values[model_field] = "\n".join(raw.split())
    elif model_field == "description":
        values[model_field] = rich_text_from_import(raw, DESCRIPTION_FEATURES)
    else:
        values[model_field] = raw


DI_FIELDS = {
    "nom": "name",
    "siret": "siret",
    "commune": "city",
    "code_postal": "postcode",
    "adresse": "address",
    "complement_adresse": "address_complement",
    "latitude": "latitude",
    "longitude": "longitude",
    "telephone": "phone",
    "courriel": "email",
    "site_web": "website",
    "horaires_accueil": "opening_hours",
    "accessibilite_lieu": "acceslibre_url",
}
PYDANTIC_MESSAGES = {
    "missing": "champ obligatoire manquant.",
    "string_too_short": "texte trop court.",
    "string_too_long": "texte trop long.",
    "string_pattern_mismatch": "format invalide.",
    "string_type": "texte attendu.",
    "float_parsing": "nombre attendu.",
    "float_type": "nombre attendu.",
    "url_parsing": "adresse web invalide.",
    "url_scheme": "adresse web invalide (https:// attendu).",
    "date_from_datetime_parsing": "date attendue au format AAAA-MM-JJ.",
    "date_parsing": "date attendue au format AAAA-MM-JJ.",
    "date_type": "date attendue au format AAAA-MM-JJ.",
    "enum": "valeur inconnue du référentiel data·inclusion.",
    "value_error": None,  # the package's own validators already speak French
    "set_type": "liste attendue.",
}


def pydantic_issue_message(error):
    kind = error.get("type", "")
    message = PYDANTIC_MESSAGES.get(kind)
    if message is None:
        text = str(error.get("msg", "valeur invalide."))
        if kind == "value_error":
            text = text.removeprefix("Value error, ")
        elif "email" in text.lower():
            text = "adresse électronique invalide."
        else:
            text = f"valeur invalide ({text})."
        message = text
    return message


def read_data_inclusion(source, resolver=None):
    """Records of a data·inclusion v1 `structures` file (a JSON list of Structure records)."""
    resolver = resolver or TermResolver()
    stream = _text_stream(source)
    try:
        data = json.load(stream)
    except UnicodeDecodeError as error:
        raise ImportFileError("Le fichier n'est pas encodé en UTF-8.") from error
    except json.JSONDecodeError as error:
        raise ImportFileError(
            french(f"Le fichier n'est pas un JSON valide : ligne {error.lineno}, colonne {error.colno}.")
        ) from error
    finally:
        if not isinstance(source, io.TextIOBase):
            stream.close()
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]  # the data·inclusion API's paginated envelope
    if not isinstance(data, list):
        raise ImportFileError("Le fichier doit contenir une liste de structures data·inclusion.")
    records = []
    for index, item in enumerate(data, start=1):
        record = Record(position=f"enregistrement {index}", field_names={v: k for k, v in DI_FIELDS.items()})
        records.append(record)
        if not isinstance(item, dict):
            record.errors.append(("", "un objet JSON (structure) est attendu."))
            continue
        try:
            v1.Structure.model_validate(item)
        except PydanticValidationError as error:
            for problem in error.errors():
                column = ".".join(str(part) for part in problem.get("loc", ())) or ""
                record.errors.append((column, pydantic_issue_message(problem)))
            continue
        di_structure_values(record, item, resolver)
    return records, []


def di_structure_values(record, item, resolver):
    values = record.values
    source, identifier = item["source"], str(item["id"])
    local_id = identifier.removeprefix(f"{source}--")
    if source == OUR_SOURCE:
        values["slug"] = local_id  # one of ours: matched by its identifier, no foreign source
    else:
        values["source"], values["source_id"] = source, local_id
    for di_name, model_field in DI_FIELDS.items():
        if di_name not in item:
            continue
        value = item[di_name]
        if value is None or str(value).strip() == "":
            continue  # an empty field changes nothing, as in CSV files
        if model_field in ("latitude", "longitude"):
            values[model_field] = float(value)
        else:
            values[model_field] = str(value).strip()
    description = (item.get("description") or "").strip()
    if description:
        if len(description) <= 280:
            values["short_description"] = description
        else:
            values["description"] = text_to_rich_text(description)  # data·inclusion descriptions are text
    if "reseaux_porteurs" in item:
        record.mapped_labels = {
            resolver.di_labels[r] for r in item["reseaux_porteurs"] or [] if r in resolver.di_labels
        }
    record.date_maj = item.get("date_maj")


# ---------------------------------------------------------------------------------------------
# Upsert


def _as_text(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return csv_format.LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _snapshot(organisation):
    return {name: getattr(organisation, name) for name in COMPARED_FIELDS}


class Upserter:
    def __init__(self, report, dry_run, terms, user=None):
        self.report = report
        self.dry_run = dry_run
        self.terms = terms
        self.mapped_label_pks = terms.mapped_label_pks
        # Who imports: the command line (None) and "Modération" publish; "Rédaction" saves drafts.
        self.user = user
        self.moderated = user is not None and not user.has_perm(PUBLISH_PERMISSION)
        rows = Organisation.objects.values_list("pk", "slug", "siret", "source", "source_id", "name", "postcode")
        self.by_source, self.by_siret, self.by_slug, self.by_name = {}, {}, {}, {}
        self.names = {}  # pk -> name, for messages
        for pk, slug, siret, source, source_id, name, postcode in rows.iterator(chunk_size=5000):
            self.names[pk] = name
            self.by_slug[slug] = pk
            self.by_name.setdefault((slugify(name), postcode), pk)
            if siret:
                self.by_siret.setdefault(siret, pk)
            if source_id:
                self.by_source[(source, source_id)] = pk
        self.seen = {}  # key -> position of the record that claimed it in this file
        self.written_pks = []  # indexed (and purged from the reverse cache) once the import is done

    def keys(self, values):
        keys = []
        if values.get("source_id"):
            keys.append(("source", values.get("source", ""), values["source_id"]))
        siret = "".join(ch for ch in values.get("siret", "") if ch.isdigit())
        if siret:
            keys.append(("siret", siret))
        if values.get("slug"):
            keys.append(("slug", values["slug"]))
        if not keys and values.get("name"):
            # Last resort for files without identifiers: same name in the same postcode.
            keys.append(("name", slugify(values["name"]), values.get("postcode", "")))
        return keys

    def matches(self, keys):
        """[(key kind, pk)] of the organisations each key points at, in the keys' order."""
        found = []
        for key in keys:
            if key[0] == "source":
                pk = self.by_source.get((key[1], key[2]))
            elif key[0] == "name":
                pk = self.by_name.get((key[1], key[2]))
            else:
                pk = {"siret": self.by_siret, "slug": self.by_slug}[key[0]].get(key[1])
            if pk is not None and pk > 0:
                found.append((key[0], pk))
        return found

    def conflict(self, found):
        """A French message when the row's keys point at two different organisations, else None."""
        pks = list(dict.fromkeys(pk for _, pk in found))
        if len(pks) < 2:
            return None
        words = {"source": "son identifiant dans la source", "siret": "son SIRET", "slug": "son identifiant"}
        (first_kind, first), (second_kind, second) = (next(item for item in found if item[1] == pk) for pk in pks[:2])
        return french(
            f"cette ligne désigne « {self.names.get(first, first)} » par {words[first_kind]} et "
            f"« {self.names.get(second, second)} » par {words[second_kind]} : deux organisations différentes. "
            "Ligne ignorée, rien n'est modifié ; corrigez l'identifiant ou le SIRET."
        )

    def reject(self, record, more):
        """Skip a record, reporting its reading errors and then its validation errors."""
        self.report.skipped += 1
        for column, message in list(record.errors) + more:
            self.report.issues.append(Issue(record.position, column, message))

    def skip(self, record, column, message):
        self.report.skipped += 1
        self.report.issues.append(Issue(record.position, column, message))

    def process_chunk(self, records):
        pending = []
        for record in records:
            if record.errors and "name" not in record.values:
                self.reject(record, [])
                continue
            keys = self.keys(record.values)
            duplicate = next((self.seen[k] for k in keys if k in self.seen), None)
            if duplicate:
                self.skip(record, "", french(f"cette organisation figure déjà dans le fichier ({duplicate})."))
                continue
            found = self.matches(keys)
            conflict = self.conflict(found)
            if conflict:
                self.skip(record, "", conflict)
                continue
            if not record.errors:
                for key in keys:
                    self.seen[key] = record.position
            pending.append((record, found[0][1] if found else None))

        existing = Organisation.objects.in_bulk([pk for _, pk in pending if pk])
        existing_m2m = self._current_m2m(list(existing))
        creates, updates = [], []
        for record, pk in pending:
            organisation = existing.get(pk) if pk else None
            outcome = self.apply(record, organisation, existing_m2m.get(pk, {}))
            if outcome is None:
                continue
            kind, organisation, m2m, changed = outcome
            if kind == "created":
                creates.append((organisation, m2m))
            elif kind == "updated":
                updates.append((organisation, m2m, changed))
            else:
                self.report.unchanged += 1
        self.report.created += len(creates)
        self.report.updated += len(updates)
        if not self.dry_run and self.moderated and (creates or updates):
            self.write_drafts(creates, updates)
        elif not self.dry_run and (creates or updates):
            self.write(creates, updates)

    def _current_m2m(self, pks):
        current = {pk: {name: set() for name in TERM_MODELS} for pk in pks}
        if not pks:
            return current
        for name in TERM_MODELS:
            through = Organisation._meta.get_field(name).remote_field.through
            column = Organisation._meta.get_field(name).m2m_reverse_field_name()
            for org_id, term_id in through.objects.filter(organisation_id__in=pks).values_list(
                "organisation_id", column
            ):
                current[org_id][name].add(term_id)
        return current

    def apply(self, record, organisation, current_m2m):
        values = dict(record.values)
        is_new = organisation is None
        if is_new:
            organisation = Organisation()
            if record.date_maj:
                values.setdefault("last_verified", datetime.date.fromisoformat(str(record.date_maj)))
        before = _snapshot(organisation)
        if self.moderated and not is_new and values.get("live", organisation.live) != organisation.live:
            self.reject(record, [(record.field_names.get("live", "publiee"), french(UNPUBLISH_REFUSED))])
            return None
        # URLs stay stable: an existing identifier is never renamed by an import.
        slug = values.pop("slug", None)
        if (
            "description" in values
            and clean_rich_text(organisation.description, DESCRIPTION_FEATURES) == values["description"]
        ):
            values.pop("description")  # the same text (the editor's paragraph keys aside)
        for name, value in values.items():
            setattr(organisation, name, value)
        self.locate(organisation, values, before, is_new)
        problems = []
        try:
            organisation.full_clean(exclude=["slug", "logo"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                column = record.field_names.get(name, name if name != "__all__" else "")
                problems.extend((column, message) for message in messages)
        if record.errors or problems:
            self.reject(record, problems)
            return None
        m2m = {}
        for name, pks in record.m2m.items():
            if set(pks) != current_m2m.get(name, set()):
                m2m[name] = set(pks)
        if record.mapped_labels is not None:
            kept = current_m2m.get("labels", set()) - self.mapped_label_pks
            labels = kept | record.mapped_labels
            if labels != current_m2m.get("labels", set()):
                m2m["labels"] = labels
        # Display name and filières from the editors' spellings and rules (directory/classification.py).
        m2m = import_step(self).apply(organisation, m2m, current_m2m)
        if is_new:
            organisation.slug = self.new_slug(slug or organisation.name)
            self.report.created_names.append((record.position, organisation.name, organisation.slug))
            return "created", organisation, m2m, []
        after = _snapshot(organisation)
        changed = [name for name in COMPARED_FIELDS if after[name] != before[name]]
        if changed or m2m:
            self.report_changes(record, organisation, before, changed, m2m, current_m2m)
            return "updated", organisation, m2m, changed
        return "unchanged", organisation, {}, []

    def report_changes(self, record, organisation, before, changed, m2m, current_m2m):
        def column(name):
            return record.field_names.get(name) or csv_format.COLUMN_BY_FIELD.get(name) or name

        values = [(name, _as_text(before[name]), _as_text(getattr(organisation, name))) for name in changed]
        values += [
            (name, self.terms.text(name, current_m2m.get(name, set())), self.terms.text(name, pks))
            for name, pks in m2m.items()
        ]
        self.report.changes.extend(
            Change(record.position, before["name"], organisation.slug, column(name), old, new)
            for name, old, new in values
        )

    def locate(self, organisation, values, before, is_new):
        point_given = values.get("latitude") is not None and values.get("longitude") is not None
        point_moved = (organisation.latitude, organisation.longitude) != (before["latitude"], before["longitude"])
        address_moved = any(getattr(organisation, name) != before[name] for name in ("address", "postcode", "city"))
        if point_given:
            if point_moved or is_new:
                if not values.get("location_source"):
                    organisation.location_source = LocationSource.IMPORT
                approximate = organisation.location_source in (LocationSource.POSTCODE, LocationSource.ARRONDISSEMENT)
                organisation.needs_geocoding = approximate and bool(organisation.address)
                if organisation.location_source != LocationSource.GEOCODER:
                    organisation.geocoding_score = None
        else:
            # No point in the file: ours stands unless the address moved; a new one gets the postcode's.
            organisation.latitude, organisation.longitude = before["latitude"], before["longitude"]
            organisation.location_source = before["location_source"]
            if is_new or address_moved or before["latitude"] is None:
                place_at_reference_point(organisation, needs_geocoding=True)
        organisation.arrondissement = geography.find_arrondissement(
            organisation.latitude, organisation.longitude, organisation.postcode
        )

    def new_slug(self, text):
        slug = free_slug(text, self.by_slug.__contains__)  # never a directory sub-path (/annuaire/carte/)
        self.by_slug[slug] = -1  # reserved; the pk is known after the write
        return slug

    def write(self, creates, updates):
        now = timezone.now()
        with transaction.atomic():
            new_objects = [organisation for organisation, _ in creates]
            if connection.features.can_return_rows_from_bulk_insert:
                Organisation.objects.bulk_create(new_objects, batch_size=CHUNK_SIZE)
            else:  # pragma: no cover - old SQLite
                for organisation in new_objects:
                    organisation.save()
            changed_fields = sorted({name for _, _, changed in updates for name in changed})
            if changed_fields:
                for organisation, _, _ in updates:
                    organisation.updated_at = now
                Organisation.objects.bulk_update(
                    [o for o, _, changed in updates if changed], changed_fields + ["updated_at"], batch_size=CHUNK_SIZE
                )
            m2m_writes = [(o, m2m) for o, m2m in creates] + [(o, m2m) for o, m2m, _ in updates]
            for name in TERM_MODELS:
                rows = [(o.pk, pks) for o, m2m in m2m_writes for field_name, pks in m2m.items() if field_name == name]
                if not rows:
                    continue
                descriptor = Organisation._meta.get_field(name)
                through = descriptor.remote_field.through
                column = descriptor.m2m_reverse_field_name()
                replaced = [o.pk for o, m2m, _ in updates if name in m2m]  # new ones have no terms yet
                if replaced:
                    through.objects.filter(organisation_id__in=replaced).delete()
                through.objects.bulk_create(
                    [through(organisation_id=pk, **{f"{column}_id": term}) for pk, terms in rows for term in terms],
                    batch_size=2000,
                )
                if name == "support_services":  # the sheets follow the services (models/services.py)
                    sync_sheets_with_services(Organisation, ServiceSheet, [pk for pk, _ in rows])
            self.log_history(creates, updates)
        for organisation in new_objects:
            self.remember(organisation)
        self.written_pks += [o.pk for o in new_objects] + [o.pk for o, _, _ in updates]

    def write_drafts(self, creates, updates):
        """A "Rédaction" import: new organisations are unpublished drafts, changes are revisions that
        wait for "Modération" (the live rows stay as they are). One revision per organisation."""
        with transaction.atomic():
            for organisation, m2m in creates:
                organisation.live = False
                organisation.has_unpublished_changes = True
                self._set_parental_m2m(organisation, m2m)
                organisation.save()
                organisation.save_revision(user=self.user, log_action=True)
                self.remember(organisation)
            for organisation, m2m, _changed in updates:
                self._set_parental_m2m(organisation, m2m)
                organisation.save_revision(user=self.user, log_action=True)
        self.report.pending_moderation += len(creates) + len(updates)

    def _set_parental_m2m(self, organisation, m2m):
        for name, pks in m2m.items():
            terms = list(TERM_MODELS[name].objects.filter(pk__in=pks))
            if name == "support_services":
                organisation.set_services(terms)  # sheets kept for services still offered
            else:
                setattr(organisation, name, terms)

    def remember(self, organisation):
        self.by_slug[organisation.slug] = organisation.pk
        self.names[organisation.pk] = organisation.name
        if organisation.siret:
            self.by_siret[organisation.siret] = organisation.pk
        if organisation.source_id:
            self.by_source[(organisation.source, organisation.source_id)] = organisation.pk
        self.by_name.setdefault((slugify(organisation.name), organisation.postcode), organisation.pk)

    def log_history(self, creates, updates):
        """The organisations' history (admin): who imported, and which fields changed. One query."""
        content_type = ContentType.objects.get_for_model(Organisation)
        now = timezone.now()
        user = self.user if getattr(self.user, "pk", None) else None
        entries = [
            ModelLogEntry(
                content_type=content_type,
                object_id=str(organisation.pk),
                label=organisation.name[:255],
                action=IMPORT_LOG_ACTION,
                data={"created": created, "fields": fields},
                timestamp=now,
                user=user,
                content_changed=True,
            )
            for organisation, created, fields in [(o, True, []) for o, _ in creates]
            + [(o, False, self._changed_columns(changed, m2m)) for o, m2m, changed in updates]
        ]
        ModelLogEntry.objects.bulk_create(entries, batch_size=CHUNK_SIZE)

    @staticmethod
    def _changed_columns(changed, m2m):
        return [csv_format.COLUMN_BY_FIELD.get(name, name) for name in list(changed) + list(m2m)]


def reindex(pks):
    """Bulk writes bypass the save signals that keep the finder's cached vocabulary (opening-hours
    expressions, the agenda filters' structures), the search index and the reverse cache current:
    the cached lists are forgotten now, the rest is a task (the worker in production; inline in
    development and tests)."""
    forget_vocabulary()
    forget_organiser_choices()
    if pks:
        index_organisations.enqueue(list(pks))


def indexed_queryset():
    """Organisations with only what the search index reads (their search fields and related terms)."""
    own = [f.field_name for f in Organisation.search_fields if not isinstance(f, RelatedFields)]
    related = [f.field_name for f in Organisation.search_fields if isinstance(f, RelatedFields)]
    return Organisation.objects.only(*dict.fromkeys(own)).prefetch_related(*related)


@task()
def index_organisations(pks):
    """Index these organisations in bulk (a few queries per thousand, in one transaction: one
    commit, not one per statement), then purge the directory."""
    with transaction.atomic():
        for start in range(0, len(pks), INDEX_CHUNK_SIZE):
            objects = list(indexed_queryset().filter(pk__in=pks[start : start + INDEX_CHUNK_SIZE]))
            for backend in get_search_backends(with_auto_update=True):
                try:
                    backend.add_bulk(Organisation, objects)
                except Exception:  # an external search engine being down must not lose the import
                    logger.exception("Search index update failed after an import")
                    if not getattr(backend, "catch_indexing_errors", False):
                        raise
    purge_paths(all_organisation_paths())


def import_records(records, dry_run=False, progress=None, warnings=(), resolver=None, user=None):
    """`user`: who imports (None: the command line). Without the right to publish organisations
    ("Rédaction"), creations and changes are drafts for "Modération" to publish."""
    report = ImportReport(dry_run=dry_run, warnings=list(warnings))
    upserter = Upserter(report, dry_run, resolver or TermResolver(), user=user)
    report.moderated = upserter.moderated
    # One transaction: one commit for the whole file (each commit waits for the disk), and a file
    # that fails halfway (the server stops, a bug) leaves nothing half-imported.
    with transaction.atomic():
        for start in range(0, len(records), CHUNK_SIZE):
            upserter.process_chunk(records[start : start + CHUNK_SIZE])
            if progress:
                progress(min(start + CHUNK_SIZE, len(records)), len(records))
    if not dry_run:
        reindex(upserter.written_pks)
    return report


FORMATS = {"csv": read_csv, "data-inclusion": read_data_inclusion}


def import_file(source, file_format="csv", dry_run=False, progress=None, user=None, mapping=None):
    """Read and import a file; raises ImportFileError when the file as a whole is unreadable.
    `mapping` (csv only): the column chosen for each header position (see `header_columns`)."""
    if file_format not in FORMATS:
        raise ImportFileError(french(f"Format inconnu : « {file_format} » (csv ou data-inclusion)."))
    resolver = TermResolver()
    if file_format == "csv":
        records, warnings = read_csv(source, resolver, mapping=mapping)
    else:
        records, warnings = FORMATS[file_format](source, resolver)
    return import_records(records, dry_run=dry_run, progress=progress, warnings=warnings, resolver=resolver, user=user)
