"""Forget the finder's cached lists when editors change what they summarise.

Connected when directory/models.py loads (through page_models.py): senders are named, not imported.
"""

from django.db.models.signals import post_delete, post_save

TAXONOMIES = ["Sector", "SupportService", "Audience", "Label"]


def forget_terms(**kwargs):
    from .filters import forget_terms

    forget_terms()


def forget_opening_hours(**kwargs):
    from .opening import forget_distinct_values

    forget_distinct_values()


for _name in TAXONOMIES:
    for _signal in (post_save, post_delete):
        _signal.connect(forget_terms, sender=f"directory.{_name}", dispatch_uid=f"finder-terms-{_name}-{id(_signal)}")
for _signal in (post_save, post_delete):
    _signal.connect(forget_opening_hours, sender="directory.Organisation", dispatch_uid=f"finder-hours-{id(_signal)}")
