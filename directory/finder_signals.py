"""Forget the finder's cached lists when editors change what they summarise.

Connected when directory/models.py loads (through page_models.py): senders are named, not imported.
"""

from django.db.models.signals import post_delete, post_save

TAXONOMIES = ["Sector", "SupportService", "Audience", "Label"]


def forget_vocabulary(**kwargs):
    from .filters import forget_vocabulary

    forget_vocabulary()


# Terms are the taxonomies; organisations carry the opening-hours expressions.
for _name in [*TAXONOMIES, "Organisation"]:
    for _signal in (post_save, post_delete):
        _signal.connect(forget_vocabulary, sender=f"directory.{_name}", dispatch_uid=f"finder-vocabulary-{_name}-{id(_signal)}")
