from modeltranslation.translator import TranslationOptions, register

from communities.models import (
    Activity,
    ActivityPhoto,
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


@register(Activity)
class ActivityTranslation(TranslationOptions):
    fields = ("title", "description")
    required_languages = ()


@register(ActivityPhoto)
class ActivityPhotoTranslation(TranslationOptions):
    fields = ("caption",)
