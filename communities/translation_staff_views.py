"""Staff add translations of a joint plan's title from its page (core.record_translations);
the news items' (activities') view lives with the activity review views."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from communities import translation_services
from communities.access import get_plan_for_user
from communities.models import JointPlan
from core.record_translations import RecordTranslationForm, posted_texts
from core.staff import staff_login_required, translation_page


def plan_translation_form(
    plan: JointPlan, data: dict[str, str] | None = None
) -> RecordTranslationForm:
    return RecordTranslationForm(data, fields=translation_services.PLAN_FIELDS, record=plan)


@staff_login_required
@require_POST
def plan_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """The working group's writers add or correct the plan's title in other languages."""
    plan = get_plan_for_user(request.user, pk, write=True)
    form = plan_translation_form(plan, request.POST)
    return translation_page(
        request,
        form,
        save=lambda: translation_services.plan_translations_update(
            plan=plan, user=request.user, texts=posted_texts(form)
        ),
        heading=_("Translations of the title"),
        action=reverse("staff:plan_translate", args=[plan.pk]),
        back_url=reverse("staff:plan_detail", args=[plan.pk]),
        record_title=plan.title,
    )
