"""The directory's files in and out: the CSV columns, the importers (CSV, data·inclusion), the
open-data exporters (CSV, GeoJSON, data·inclusion) and their views."""
