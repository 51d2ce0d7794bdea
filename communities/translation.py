from modeltranslation.translator import TranslationOptions, register

from communities.models import (
    Community,
    District,
    JointPlan,
    PlanAction,
    ProblemCategory,
    Region,
)


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
