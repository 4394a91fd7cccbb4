from django.db import models


class UnansweredSearch(models.Model):
    """How many visitors searched for a query that found nothing, per day and place (no visitor data:
    the query, normalised by Wagtail, only). Written in batches by querylog.py; shown on the editors'
    dashboard so that they grow the synonyms."""

    SITE = "recherche"
    FINDER = "annuaire"
    PLACES = [(SITE, "Recherche du site"), (FINDER, "Annuaire")]

    query_string = models.CharField("recherche", max_length=255)
    place = models.CharField("où", max_length=20, choices=PLACES)
    date = models.DateField("jour")
    hits = models.PositiveIntegerField("recherches", default=0)

    class Meta:
        verbose_name = "recherche sans résultat"
        verbose_name_plural = "recherches sans résultat"
        constraints = [
            models.UniqueConstraint(fields=["query_string", "place", "date"], name="unique_unanswered_search_per_day")
        ]
        indexes = [models.Index(fields=["date"], name="unanswered_search_date")]

    def __str__(self):
        return self.query_string
