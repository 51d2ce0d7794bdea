"""Staff workspace forms for working groups, meetings, assessments and joint plans.

Choice querysets are scoped to what the user may use, so a POST naming another
organisation's record fails validation before any service runs (which checks again)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from communities.access import project_communities, working_groups_for_user
from communities.activity_forms import (
    LANGUAGE_NAMES,
    CountField,
    DateInput,
    RecordChoiceField,
    RecordMultipleChoiceField,
    counts_clean,
)
from communities.activity_services import CONTENT_LANGUAGES
from communities.cycle_forms import CommunityChoice
from communities.location import meeting_is_sensitive
from communities.location_forms import add_location_fields, clean_location
from communities.models import (
    ActionStatus,
    AgeBand,
    AssessmentMethod,
    Community,
    IdentifiedProblem,
    Meeting,
    MeetingKind,
    MemberRole,
    Membership,
    ProblemCategory,
    RaisedBy,
    Sector,
    WorkingGroup,
)
from core.choices import Sex
from core.forms import record_field
from core.i18n import marked_text
from core.inputs import parse_id
from projects.access import projects_for_user
from projects.models import Project


class MemberChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return str(obj)


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    kind = forms.ChoiceField(label=_("Type"), choices=MeetingKind.choices)
    members_present = MemberChoices(
        label=_("Members present"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    women = CountField(label=_("Women present"))
    men = CountField(label=_("Men present"))
    youth = CountField(label=_("Of them, young people"))
    agenda = forms.CharField(
        label=_("Agenda"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    decisions = forms.CharField(
        label=_("Decisions"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )

    def __init__(
        self,
        *args: Any,
        working_group: WorkingGroup,
        show_names: bool,
        meeting: Meeting | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if meeting is None or not meeting_is_sensitive(meeting):
            add_location_fields(self, meeting)
        if show_names:
            record_field(
                self, "members_present"
            ).queryset = working_group.members.current().order_by("full_name")
            self.fields["members_present"].help_text = _(
                "Ticking members fills the totals below when you leave them at zero."
            )
        else:
            # Partner organisations record totals only: member names are personal data.
            del self.fields["members_present"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        present = cleaned.get("members_present") or []
        if present and not (cleaned.get("women") or cleaned.get("men")):
            cleaned["women"] = sum(1 for m in present if m.sex == Sex.FEMALE)
            cleaned["men"] = sum(1 for m in present if m.sex == Sex.MALE)
            if not cleaned.get("youth"):
                cleaned["youth"] = sum(
                    1 for m in present if m.age_band in (AgeBand.UNDER_18, AgeBand.AGE_18_29)
                )
        counts_clean(cleaned, self)
        clean_location(self)
        return cleaned

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "kind": data["kind"],
            "agenda": data.get("agenda", ""),
            "decisions": data.get("decisions", ""),
            "women": data.get("women") or 0,
            "men": data.get("men") or 0,
            "youth": data.get("youth") or 0,
            "members_present": data.get("members_present") or [],
            "location": data.get("location"),
        }


class MembershipForm(forms.Form):
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    body = forms.CharField(
        label=_("Or a body holding the seat"),
        max_length=300,
        required=False,
        help_text=_("e.g. the district police department, when the seat is not a named person's."),
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=[("", "—"), *Sex.choices], required=False)
    age_band = forms.ChoiceField(
        label=_("Age band"), choices=[("", "—"), *AgeBand.choices], required=False
    )
    sector = forms.ChoiceField(label=_("Sector"), choices=Sector.choices)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.MEMBER)
    position = forms.CharField(label=_("Position"), max_length=300, required=False)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=300, required=False)
    joined_on = forms.DateField(label=_("Joined on"), required=False, widget=DateInput())
    left_on = forms.DateField(label=_("Left on"), required=False, widget=DateInput())
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel"}),
    )
    email = forms.EmailField(label=_("Email"), required=False)
    replaces = MemberChoices(
        label=_("Takes the seat of (optional)"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("That member's seat ends on the day this one joins; both stay on record."),
    )

    def __init__(
        self, *args: Any, working_group: WorkingGroup | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if working_group is None:
            # Replacing is part of adding a member, not of correcting one.
            del self.fields["replaces"]
        else:
            record_field(self, "replaces").queryset = working_group.members.current().order_by(
                "full_name", "body"
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not (cleaned.get("full_name") or "").strip() and not (cleaned.get("body") or "").strip():
            self.add_error(
                "full_name", _("Give the member's name, or the body that holds the seat.")
            )
        joined, left = cleaned.get("joined_on"), cleaned.get("left_on")
        if joined and left and left < joined:
            self.add_error("left_on", _("The leaving date is before the joining date."))
        return cleaned


class ProjectChoice(RecordChoiceField):
    # Options hold no element: a title in another language carries the marker in words.
    def label_from_instance(self, obj: Project) -> str:
        return marked_text(obj, "title") or obj.slug


class AssessmentForm(forms.Form):
    project = ProjectChoice(label=_("Project"), queryset=Project.objects.none())
    community = CommunityChoice(label=_("Community"), queryset=Community.objects.none())
    working_group = RecordChoiceField(
        label=_("Working group (optional)"), queryset=WorkingGroup.objects.none(), required=False
    )
    date = forms.DateField(label=_("Date"), widget=DateInput())
    method = forms.ChoiceField(label=_("Method"), choices=AssessmentMethod.choices)
    title = forms.CharField(label=_("Title"), max_length=300, required=False)
    women = CountField(label=_("Women"))
    men = CountField(label=_("Men"))
    youth = CountField(label=_("Of them, young people"))
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_field(self, "project").queryset = projects_for_user(user, write=True).order_by(
            "slug"
        )
        raw = self.data.get("project") if self.is_bound else self.initial.get("project")
        project_id = parse_id(raw)
        record_field(self, "community").queryset = project_communities(project_id)
        self.fields["project"].widget.attrs.update(
            {
                "hx-get": reverse("staff:assessment_communities"),
                "hx-target": "#community-field",
                "hx-trigger": "change",
            }
        )
        record_field(self, "working_group").queryset = working_groups_for_user(user).select_related(
            "community"
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        counts_clean(cleaned, self)
        return cleaned


class ProblemForm(forms.Form):
    category = RecordChoiceField(
        label=_("Category"), queryset=ProblemCategory.objects.order_by("position", "slug")
    )
    description = forms.CharField(
        label=_("Problem as people put it"), widget=forms.Textarea(attrs={"rows": 3})
    )
    raised_by = forms.ChoiceField(
        label=_("Raised by"), choices=RaisedBy.choices, initial=RaisedBy.RESIDENTS
    )
    votes = CountField(label=_("Votes or score"))


class RankForm(forms.Form):
    """One rank box per problem; blank leaves a problem unranked."""

    def __init__(self, *args: Any, problems: list[IdentifiedProblem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems = problems
        for problem in problems:
            self.fields[f"rank_{problem.pk}"] = forms.IntegerField(
                label=f"{problem.category}: {problem.description[:120]}",
                min_value=1,
                max_value=len(problems),
                required=False,
                initial=problem.priority_rank,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "count"}),
                help_text=_("%(votes)d votes") % {"votes": problem.votes},
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        seen: dict[int, str] = {}
        for name, rank in cleaned.items():
            if rank is None:
                continue
            if rank in seen:
                self.add_error(name, _("Rank %(rank)d is already given.") % {"rank": rank})
            seen[rank] = name
        return cleaned

    def ranks(self) -> dict[int, int | None]:
        return {p.pk: self.cleaned_data.get(f"rank_{p.pk}") for p in self.problems}


class PlanActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    completed_on = forms.DateField(label=_("Completion date"), required=False, widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code in CONTENT_LANGUAGES:
            self.fields[f"result_note_{code}"] = forms.CharField(
                label=_("Result (%(language)s)") % {"language": LANGUAGE_NAMES.get(code, code)},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("status") == ActionStatus.DONE and not cleaned.get("completed_on"):
            self.add_error("completed_on", _("Give the date the action was completed."))
        return cleaned

    def result_notes(self) -> dict[str, str]:
        return {
            code: self.cleaned_data.get(f"result_note_{code}", "") for code in CONTENT_LANGUAGES
        }
