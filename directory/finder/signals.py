"""Forget the finder's cached lists when editors change what they summarise (connected by apps.py)."""

from django.db.models.signals import post_delete, post_save

from directory.models import Audience, Label, Organisation, Sector, SupportService

from .vocabulary import forget_vocabulary

# Terms are the taxonomies; organisations carry the opening-hours expressions.
for _model in (Sector, SupportService, Audience, Label, Organisation):
    for _signal in (post_save, post_delete):
        _signal.connect(
            forget_vocabulary, sender=_model, dispatch_uid=f"finder-vocabulary-{_model.__name__}-{id(_signal)}"
        )
