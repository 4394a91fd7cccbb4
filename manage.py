#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # An empty DJANGO_SETTINGS_MODULE counts as unset.
    os.environ["DJANGO_SETTINGS_MODULE"] = os.environ.get("DJANGO_SETTINGS_MODULE") or "ess_site.settings.dev"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
