"""Test helpers: plain functions that create rows the way editors do (revisions, publish, the admin's
own validation). They are helpers, not factories: no factory library, no random data.

- `directory`: organisations at known points of Marseille (`make_finder_directory`, `make_organisation`);
- `events`: published events (`publish_event`, `next_weekday`, `agenda_page`);
- `pages`: editorial pages (`add_page`);
- `commands`: `run_command`, a management command with its output captured, never printed.
"""
