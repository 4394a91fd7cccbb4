"""The importer's one error about a file as a whole (shared by its readers)."""


class ImportFileError(Exception):
    """The file as a whole cannot be read (encoding, JSON syntax, no header): nothing is imported."""
