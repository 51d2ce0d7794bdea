from modeltranslation.translator import TranslationOptions, register

from core.models import SearchDocument


@register(SearchDocument)
class SearchDocumentTranslation(TranslationOptions):
    # Shown in the reader's language, falling back like every other record (a marker says so).
    fields = ("title", "detail", "summary")
    required_languages = ()
