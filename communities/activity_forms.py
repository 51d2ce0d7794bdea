"""Staff workspace forms for the activity log. Fields are listed one by one: nothing a
browser adds to the POST (status, author, organisation…) ever reaches a model."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.access import meetings_for_user, plan_actions_for_user, project_communities
from communities.activity_services import CONTENT_LANGUAGES, CheckedPhoto, photo_check
from communities.location import sensitive_plan_actions
from communities.location_forms import add_location_fields, clean_location
from communities.models import (
    Activity,
    ActivityKind,
    ActivityStatus,
    Community,
    Meeting,
    PlanAction,
)
from communities.translation_services import ACTIVITY_FIELDS
from core.forms import (
    CountField,
    DateInput,
    MultipleFileInput,
    MultiplePhotoField,
    RecordChoiceField,
    RecordMultipleChoiceField,
    choice_field,
    record_field,
)
from core.i18n import marked_label, marked_text
from core.inputs import parse_id
from core.record_translations import RecordTranslationForm
from projects.access import projects_for_user
from projects.models import Project

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class ProjectChoiceField(RecordChoiceField):
    # Options hold no element: a title in another language carries the marker in words.
    def label_from_instance(self, obj: Project) -> str:
        return marked_text(obj, "title") or obj.slug


class CommunityChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Community) -> str:
        return marked_label(obj, "name")


class PlanActionChoiceField(RecordChoiceField):
    def label_from_instance(self, obj: PlanAction) -> str:
        return f"{marked_label(obj.plan, 'title')} — {marked_label(obj, 'description')}"


def counts_clean(cleaned: dict[str, Any], form: forms.Form) -> None:
    women = cleaned.get("women") or 0
    men = cleaned.get("men") or 0
    youth = cleaned.get("youth") or 0
    if youth > women + men:
        form.add_error(
            "youth", _("Young people are counted among the women and men, so not more than both.")
        )


class ActivityForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Type"), choices=ActivityKind.choices)
    project = ProjectChoiceField(label=_("Project"), queryset=Project.objects.none())
    communities = CommunityChoices(
        label=_("Communities"),
        queryset=Community.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the project's target communities are offered."),
    )
    women = CountField(label=_("Women"))
    men = CountField(label=_("Men"))
    youth = CountField(label=_("Of them, young people"))
    photos = MultiplePhotoField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_(
            "Up to %(count)d photos, each up to %(mb)d MB. Location and camera data are removed."
        )
        % {"count": settings.PHOTO_MAX_COUNT, "mb": settings.PHOTO_MAX_BYTES // (1024 * 1024)},
    )
    plan_action = PlanActionChoiceField(
        label=_("Plan action (optional)"), queryset=PlanAction.objects.none(), required=False
    )
    meeting = RecordChoiceField(
        label=_("Working-group meeting (optional)"),
        queryset=Meeting.objects.none(),
        required=False,
    )

    def __init__(
        self, *args: Any, user: Any, activity: Activity | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.activity = activity
        for code in CONTENT_LANGUAGES:
            name = LANGUAGE_NAMES.get(code, code)
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name},
                max_length=300,
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("Description (%(language)s)") % {"language": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
            )
        record_field(self, "project").queryset = projects_for_user(user, write=True).order_by(
            "slug"
        )
        record_field(self, "plan_action").queryset = (
            plan_actions_for_user(user, write=True)
            .exclude(status__in=["done", "cancelled"])
            .select_related("plan")
            .order_by("plan__title", "position")
        )
        record_field(self, "meeting").queryset = meetings_for_user(user, write=True).select_related(
            "working_group"
        )
        record_field(self, "communities").queryset = project_communities(self._project_id())
        add_location_fields(self, activity)
        # htmx swaps in the chosen project's communities; without JavaScript the server
        # still rejects communities outside the project.
        self.fields["project"].widget.attrs.update(
            {
                "hx-get": reverse("staff:activity_communities"),
                "hx-target": "#communities-field",
                "hx-trigger": "change",
            }
        )
        if not self.is_bound and activity is None:
            self.initial.setdefault("date", timezone.localdate())
        if activity is not None and not self.is_bound:
            self.initial.update(
                {
                    "date": activity.date,
                    "kind": activity.kind,
                    "project": activity.project_id,
                    "communities": [c.pk for c in activity.communities.all()],
                    "women": activity.women,
                    "men": activity.men,
                    "youth": activity.youth,
                    "plan_action": activity.plan_action_id,
                    "meeting": activity.meeting_id,
                }
            )
            for code in CONTENT_LANGUAGES:
                self.initial[f"title_{code}"] = getattr(activity, f"title_{code}") or ""
                self.initial[f"description_{code}"] = getattr(activity, f"description_{code}") or ""

    def _project_id(self) -> int | None:
        raw = self.data.get("project") if self.is_bound else None
        if raw is None and not self.is_bound:
            raw = self.initial.get("project") or (
                self.activity.project_id if self.activity else None
            )
        project_id = parse_id(raw)
        # Only a project the user may log against lists its communities.
        projects = record_field(self, "project").queryset
        if project_id and (projects is None or not projects.filter(pk=project_id).exists()):
            return None
        return project_id

    def language_groups(self) -> list[dict[str, Any]]:
        """Title and description per language, for the grouped fieldsets."""
        groups = []
        for code in CONTENT_LANGUAGES:
            title = self[f"title_{code}"]
            description = self[f"description_{code}"]
            filled = bool(title.value() or description.value())
            groups.append(
                {
                    "code": code,
                    "name": LANGUAGE_NAMES.get(code, code),
                    "title": title,
                    "description": description,
                    "open": filled
                    or bool(title.errors or description.errors)
                    or code == self.preferred_language(),
                }
            )
        return groups

    def clean_photos(self) -> list[CheckedPhoto]:
        uploads = self.cleaned_data.get("photos") or []
        existing = self.activity.photos.count() if self.activity is not None else 0
        if existing + len(uploads) > settings.PHOTO_MAX_COUNT:
            raise ValidationError(
                _("Choose at most %(limit)d photos in all (%(count)d already attached).")
                % {"limit": settings.PHOTO_MAX_COUNT, "count": existing}
            )
        # Only the checks that decode nothing: the photo job re-encodes after the request.
        prepared: list[CheckedPhoto] = []
        errors: list[ValidationError] = []
        for upload in uploads:
            try:
                prepared.append(photo_check(upload=upload))
            except ValidationError as exc:
                errors.append(exc)
        if errors:
            raise ValidationError(errors)
        return prepared

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        counts_clean(cleaned, self)
        clean_location(self)
        if not any((cleaned.get(f"title_{code}") or "").strip() for code in CONTENT_LANGUAGES):
            self.add_error(
                f"title_{self.preferred_language()}",
                _("Give the activity a title in at least one language."),
            )
        return cleaned

    def preferred_language(self) -> str:
        from django.utils.translation import get_language

        code = (get_language() or "ru")[:2]
        return code if code in CONTENT_LANGUAGES else "ru"

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "project": data["project"],
            "date": data["date"],
            "kind": data["kind"],
            "titles": {code: data.get(f"title_{code}", "") for code in CONTENT_LANGUAGES},
            "descriptions": {
                code: data.get(f"description_{code}", "") for code in CONTENT_LANGUAGES
            },
            "women": data.get("women") or 0,
            "men": data.get("men") or 0,
            "youth": data.get("youth") or 0,
            "communities": data.get("communities") or [],
            "plan_action": data.get("plan_action"),
            "meeting": data.get("meeting"),
            "photos": data.get("photos") or [],
            "location": data.get("location"),
        }

    def sensitive_action_ids(self) -> list[int]:
        """The offered plan actions about a sensitive problem: the page hides the location
        fields when one is chosen (and the service refuses a location for them)."""
        offered = record_field(self, "plan_action").queryset
        if offered is None:
            return []
        return list(
            sensitive_plan_actions()
            .filter(pk__in=offered.values("pk"))
            .values_list("pk", flat=True)
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What needs changing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
    )


class ActivityFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    project = ProjectChoiceField(
        label=_("Project"), queryset=Project.objects.none(), required=False
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "status").choices = [("", _("Any status")), *ActivityStatus.choices]
        record_field(self, "project").queryset = projects_for_user(user).order_by("slug")


class ActivityTranslationForm(RecordTranslationForm):
    """The title and description in every content language, for a reviewer to fill in the
    missing ones (communities.translation_services)."""

    def __init__(self, *args: Any, activity: Activity | None = None, **kwargs: Any) -> None:
        super().__init__(*args, fields=ACTIVITY_FIELDS, record=activity, **kwargs)
