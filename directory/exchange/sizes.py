"""The approximate size of an export (stated by the link that downloads it, RGAA 13.3).

The exports are streamed and may be large: their size is estimated from a sample of organisations
exported the same way, measured again at most once an hour per process."""

import time

from directory.models import Organisation
from ess_site.files import estimated_size_label

from . import exporters

SAMPLE = 20
MEASURED_FOR_SECONDS = 3600
FORMATS = {"csv": exporters.csv_chunks, "geojson": exporters.geojson_chunks}
_measures = {}  # format -> (fixed bytes, bytes of the sample, organisations in the sample, when)


def _measure(file_format):
    measure = _measures.get(file_format)
    if measure and time.monotonic() - measure[3] < MEASURED_FOR_SECONDS:
        return measure
    chunks = FORMATS[file_format]
    empty = len("".join(chunks(Organisation.objects.none())).encode())
    # Unlocated organisations are in the sample too: the GeoJSON leaves them out, as it will.
    ids = list(Organisation.objects.public().values_list("pk", flat=True)[:SAMPLE])
    sample = len("".join(chunks(Organisation.objects.filter(pk__in=ids))).encode()) - empty
    measure = _measures[file_format] = (empty, sample, len(ids), time.monotonic())
    return measure


def export_size_label(file_format, total):
    """ "environ 12 ko" for an export of `total` organisations in "csv" or "geojson"."""
    empty, sample, count, _when = _measure(file_format)
    return estimated_size_label(sample, count, total, fixed_bytes=empty)
