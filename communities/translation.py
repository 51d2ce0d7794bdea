"""Translated fields. A translated model with a history is registered for it here, after its
TranslationOptions, so the history holds every language (core.history)."""

from modeltranslation.translator import TranslationOptions, register

from communities.models import (
    Activity,
    ActivityHistory,
    ActivityPhoto,
    Community,
    District,
    JointPlan,
    PlanAction,
    ProblemCategory,
    Region,
)
from core.history import register_translated_history


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name",)


@register(District)
class DistrictTranslation(TranslationOptions):
    fields = ("name",)


@register(Community)
class CommunityTranslation(TranslationOptions):
    fields = ("name",)


@register(ProblemCategory)
class ProblemCategoryTranslation(TranslationOptions):
    fields = ("name",)


@register(JointPlan)
class JointPlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()


@register(PlanAction)
class PlanActionTranslation(TranslationOptions):
    fields = ("description", "result_note")
    required_languages = ()


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(ActivityPhoto)
class ActivityPhotoTranslation(TranslationOptions):
    fields = ("caption",)


register_translated_history(Region)
register_translated_history(District)
register_translated_history(Community)
register_translated_history(ProblemCategory)
register_translated_history(JointPlan)
register_translated_history(PlanAction, m2m_fields=["problems", "partners"])
# The activity log's tables kept their projects_* names when it moved to communities.
register_translated_history(
    Activity,
    records_class=ActivityHistory,
    table_name="projects_historicalactivity",
    m2m_fields=["communities"],
)
register_translated_history(ActivityPhoto, table_name="projects_historicalactivityphoto")
