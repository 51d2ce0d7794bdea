from modeltranslation.translator import TranslationOptions, register

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
