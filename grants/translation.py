from modeltranslation.translator import TranslationOptions, register

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
