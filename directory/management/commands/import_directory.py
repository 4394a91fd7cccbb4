import sys

from django.core.management.base import BaseCommand, CommandError

from directory.exchange.csv_format import IMPORT_COLUMNS
from directory.exchange.importers import FORMATS, ImportFileError, header_columns, import_file, read_header


class Command(BaseCommand):
    help = (
        "Importe des organisations dans l'annuaire (CSV ou XLSX aux colonnes documentées, ou structures "
        "data·inclusion v1). "
        "Mise à jour idempotente par (source, identifiant source), puis SIRET\u00a0; les lignes en erreur sont "
        "signalées et ignorées."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Fichier à importer.")
        parser.add_argument("--format", dest="file_format", choices=sorted(FORMATS), default="csv")
        parser.add_argument("--dry-run", action="store_true", help="Vérifie et compte sans rien enregistrer.")
        parser.add_argument(
            "--colonne",
            dest="columns",
            action="append",
            default=[],
            metavar="EN-TÊTE=COLONNE",
            help="Ce que contient une colonne du fichier que l'import ne reconnaît pas (COLONNE vide : ignorée). "
            "Répétable.",
        )

    def mapping(self, path, columns):
        """The --colonne choices over the guessed columns, one per header position (None: guess all)."""
        if not columns:
            return None
        chosen = {}
        for item in columns:
            header, sep, column = item.partition("=")
            if not sep or (column.strip() and column.strip() not in IMPORT_COLUMNS):
                raise CommandError(
                    f"--colonne {item} : EN-TÊTE=COLONNE attendu, COLONNE parmi {', '.join(IMPORT_COLUMNS)}."
                )
            chosen[header.strip()] = column.strip()
        header, _guessed, _samples = read_header(path)
        return [chosen.get(name, guess or "") for name, guess in zip(header, header_columns(header), strict=True)]

    def handle(self, path, file_format="csv", dry_run=False, columns=(), **options):
        interactive = hasattr(self.stdout, "isatty") and self.stdout.isatty()

        def progress(done, total):
            if total < 1000:
                return
            message = f"… {done} / {total} enregistrement(s) traité(s)"
            if interactive:
                self.stdout.write(f"\r{message}", ending="")
                if done == total:
                    self.stdout.write("")
            else:
                self.stdout.write(message)

        try:
            mapping = self.mapping(path, columns) if file_format == "csv" else None
            report = import_file(path, file_format=file_format, dry_run=dry_run, progress=progress, mapping=mapping)
        except FileNotFoundError:
            raise CommandError(f"Fichier introuvable\u00a0: {path}") from None
        except ImportFileError as error:
            raise CommandError(str(error)) from None
        for warning in report.warnings:
            self.stderr.write(warning)
        for issue in report.issues:
            self.stderr.write(str(issue))
        for line in report.change_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write("Simulation\u00a0: rien n'a été enregistré.")
        self.stdout.write(self.style.SUCCESS(report.summary()) if not report.skipped else report.summary())
        sys.stdout.flush()
