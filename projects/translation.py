"""Translated fields. A translated model with a history is registered for it here, after its
TranslationOptions, so the history holds every language (core.history)."""

from modeltranslation.translator import TranslationOptions, register

from core.history import register_translated_history
from projects.models import Organisation, Programme, Project, Theme


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "summary", "description")
    required_languages = ()


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ()


register_translated_history(Organisation)
register_translated_history(Programme)
register_translated_history(Project, m2m_fields=["themes"])
