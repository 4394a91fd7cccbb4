"""How a file link states its size (RGAA 13.3): "850 octets", "12 ko", "1,4 Mo", in French."""

import math

from .typography import NBSP


def size_label(nbytes, approximate=False):
    if nbytes < 1000:
        text = f"{max(int(nbytes), 1)}{NBSP}octets"
    elif nbytes < 1000 * 1000:
        text = f"{math.ceil(nbytes / 1000)}{NBSP}ko"
    else:
        text = f"{nbytes / 1000 / 1000:.1f}".replace(".", ",") + f"{NBSP}Mo"
    return f"environ {text}" if approximate else text


def estimated_size_label(sample_bytes, sample_count, total, fixed_bytes=0):
    """The size of a file of `total` records, from `sample_count` records that took `sample_bytes`."""
    if not sample_count:
        return size_label(fixed_bytes, approximate=True)
    return size_label(fixed_bytes + sample_bytes / sample_count * total, approximate=True)
