"""Run a management command with its output captured in memory (nothing printed, no file handle left open)."""

import io

from django.core.management import call_command


def run_command(name, *args, **options):
    """call_command with stdout captured; returns what the command printed."""
    out = io.StringIO()
    call_command(name, *args, stdout=out, **options)
    return out.getvalue()
