"""Translated fields. A translated model with a history is registered for it here, after its
TranslationOptions, so the history holds every language (core.history)."""

from modeltranslation.translator import TranslationOptions, register

from core.history import register_translated_history
from grants.models import Application, Grant, GrantProgramme, ScoringCriterion


@register(GrantProgramme)
class GrantProgrammeTranslation(TranslationOptions):
    fields = ("name", "description", "eligibility")
    required_languages = ()


@register(ScoringCriterion)
class ScoringCriterionTranslation(TranslationOptions):
    fields = ("name",)


@register(Application)
class ApplicationTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ()


@register(Grant)
class GrantTranslation(TranslationOptions):
    fields = ("title", "summary")
    required_languages = ()


register_translated_history(GrantProgramme, m2m_fields=["funders"])
register_translated_history(ScoringCriterion)
# The stored ranking place moves with other applications' scores: not a change of this one.
register_translated_history(
    Application,
    m2m_fields=["communities"],
    excluded_fields=["ranking_position", "ranking_cumulative"],
)
register_translated_history(Grant, m2m_fields=["communities"])
