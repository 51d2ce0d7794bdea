"""Core's only model: the stored search document of each public record (core.search).

Core knows no domain model. Each app registers how its records become documents
(``core.search_index.register_search_section``); the table holds them generically by content
type and id, with the titles every language needs to show a result without loading the
record itself.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class SearchDocumentQuerySet(models.QuerySet["SearchDocument"]):
    def in_section(self, section: str) -> SearchDocumentQuerySet:
        return self.filter(section=section)


class SearchDocument(models.Model):
    """One per public record. The PostgreSQL-only columns (the two ``tsvector``s) are filled
    by ``core.search_index`` with one UPDATE after the rows are written; their GIN and the
    trigram index on ``names`` are created by migration 0001 on PostgreSQL only."""

    section = models.CharField(_("section"), max_length=20)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    # A path without its language prefix ("/projects/slug/"): the result link adds the
    # reader's language.
    path = models.CharField(max_length=300)
    title = models.CharField(_("title"), max_length=500, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)
    summary = models.CharField(_("summary"), max_length=400, blank=True)
    date = models.DateField(null=True, blank=True)
    # Places outrank other records on the same words (the search page puts them first).
    boost = models.PositiveSmallIntegerField(default=0)
    # Every title in every language, acronyms and references: the weight-A text.
    title_text = models.TextField(blank=True)
    # Names of the places and organisations the record belongs to: the weight-B text.
    context_text = models.TextField(blank=True)
    # Summaries and descriptions: the weight-D text.
    body_text = models.TextField(blank=True)
    # Latin folds (core.translit) of every title and context word, and the gazetteer's
    # keys for places: cross-script matching (full text) and typo tolerance (trigrams).
    names = models.TextField(blank=True)
    # The same folds of the titles alone: a near match on the record's own name ranks first.
    title_names = models.TextField(blank=True)
    title_vector = SearchVectorField(null=True, editable=False)
    document = SearchVectorField(null=True, editable=False)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="searchdocument_one_per_record"
            ),
        ]
        indexes = [
            models.Index(fields=["section", "-date", "-id"], name="searchdocument_section_date"),
        ]

    def __str__(self) -> str:
        return f"{self.section}: {self.title or self.path}"

    def get_absolute_url(self) -> str:
        return f"/{get_language() or 'ru'}{self.path}"
