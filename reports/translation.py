from modeltranslation.translator import TranslationOptions, register

from reports.models import ReportedFigure, Result, ResultIndicator, SourceDocument


@register(SourceDocument)
class SourceDocumentTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(ReportedFigure)
class ReportedFigureTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ()


@register(Result)
class ResultTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(ResultIndicator)
class ResultIndicatorTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()
