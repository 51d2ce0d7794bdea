"""Staff forms for setting up working groups and running a joint plan through its cycle.

Every choice list is what the user may use (their organisations, their projects' communities,
the organisations they work with), so a POST naming anything else fails validation before a
service runs; the services check again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communities.access import working_groups_for_user, writable_communities
from communities.models import (
    Community,
    ContributionKind,
    ContributionSource,
    ContributionState,
    IdentifiedProblem,
    JointPlan,
    Membership,
    WorkingGroup,
    WorkingGroupStatus,
)
from communities.staff_selectors import plan_problems
from core.choices import Currency
from core.forms import DateInput, RecordChoiceField, RecordMultipleChoiceField, record_field
from core.i18n import marked_label, marked_text
from core.inputs import parse_id
from projects.access import organisations_for_user, projects_for_user, writable_organisation_ids
from projects.forms import OrganisationChoiceField
from projects.models import Organisation, Project

# Contribution documents: decisions, receipts, acts of transfer. Scans and office files only.
DOCUMENT_TYPES = ".pdf,.jpg,.jpeg,.png,.doc,.docx,.xls,.xlsx,.odt"
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024


class CommunityChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Community) -> str:
        # Options hold no element: a name in another language carries the marker in words.
        district = getattr(obj, "district", None)
        name = marked_text(obj, "name")
        return f"{name} ({marked_text(district, 'name')})" if district else name


class CommunityChoice(RecordChoiceField):
    def label_from_instance(self, obj: Community) -> str:
        # Options hold no element: a name in another language carries the marker in words.
        return marked_label(obj, "name")


class ProjectChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Project) -> str:
        return marked_text(obj, "title") or obj.slug


class WorkingGroupForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=300)
    organisation = OrganisationChoiceField(
        label=_("Facilitating organisation"), queryset=Organisation.objects.none()
    )
    communities = CommunityChoices(
        label=_("Communities covered"),
        queryset=Community.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A district group may cover several municipalities."),
    )
    community = CommunityChoice(
        label=_("Seat (main community)"),
        queryset=Community.objects.none(),
        required=False,
        help_text=_("Leave empty to use the first community covered."),
    )
    projects = ProjectChoices(
        label=_("Projects"),
        queryset=Project.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=WorkingGroupStatus.choices, initial=WorkingGroupStatus.ACTIVE
    )
    established_on = forms.DateField(
        label=_("Date established"), required=False, widget=DateInput()
    )
    founding_act_number = forms.CharField(
        label=_("Founding act: order number"), max_length=60, required=False
    )
    founding_act_date = forms.DateField(
        label=_("Founding act: date"), required=False, widget=DateInput()
    )
    founding_act_issued_by = forms.CharField(
        label=_("Founding act: issued by"),
        max_length=300,
        required=False,
        help_text=_("e.g. the district akimiat"),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_field(self, "organisation").queryset = Organisation.objects.filter(
            pk__in=writable_organisation_ids(user)
        ).order_by("name")
        communities = writable_communities(user).select_related("district").order_by("name")
        record_field(self, "communities").queryset = communities
        record_field(self, "community").queryset = communities
        record_field(self, "projects").queryset = projects_for_user(user, write=True).order_by(
            "slug"
        )
        organisations = list(record_field(self, "organisation").queryset or [])
        if len(organisations) == 1 and not self.is_bound:
            self.initial.setdefault("organisation", organisations[0].pk)

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        seat, covered = cleaned.get("community"), cleaned.get("communities")
        if seat is not None and covered is not None and seat not in covered:
            self.add_error(
                "community", _("The group's seat must be one of the communities it covers.")
            )
        if cleaned.get("founding_act_number") and not cleaned.get("founding_act_date"):
            self.add_error("founding_act_date", _("Give the date of the founding act."))
        return cleaned


class MemberLeaveForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
    replaced_by = RecordChoiceField(
        label=_("Replaced by (optional)"), queryset=Membership.objects.none(), required=False
    )

    def __init__(self, *args: Any, member: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_field(self, "replaced_by").queryset = (
            member.working_group.members.current().exclude(pk=member.pk).order_by("full_name")
        )
        self.initial.setdefault("left_on", timezone.localdate())


class PlanForm(forms.Form):
    working_group = RecordChoiceField(
        label=_("Working group"), queryset=WorkingGroup.objects.none()
    )
    community = CommunityChoice(label=_("Community"), queryset=Community.objects.none())
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())

    def __init__(
        self, *args: Any, user: Any, group: WorkingGroup | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        groups = working_groups_for_user(user, write=True).order_by("name")
        record_field(self, "working_group").queryset = groups
        # htmx: choosing the group reloads the community list with the ones it covers.
        self.fields["working_group"].widget.attrs.update(
            {
                "hx-get": reverse("staff:plan_communities"),
                "hx-target": "#community-field",
                "hx-trigger": "change",
            }
        )
        if group is not None:
            # Editing a plan, or starting one from its group's page: the group is fixed.
            del self.fields["working_group"]
            record_field(self, "community").queryset = _covered(group)
        else:
            raw = (
                self.data.get("working_group")
                if self.is_bound
                else self.initial.get("working_group")
            )
            group_id = parse_id(raw)
            chosen = groups.filter(pk=group_id).first() if group_id is not None else None
            record_field(self, "community").queryset = (
                _covered(chosen)
                if chosen
                else Community.objects.filter(
                    covering_working_groups__in=groups.values("pk")
                ).distinct()
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan ends before it starts."))
        return cleaned


def _covered(group: WorkingGroup) -> Any:
    return Community.objects.filter(
        pk__in=[*group.communities.values_list("pk", flat=True), group.community_id]
    ).order_by("name")


class PlanApproveForm(forms.Form):
    approved_by = forms.CharField(
        label=_("Approving body"), max_length=300, help_text=_("e.g. the local council")
    )
    decision_number = forms.CharField(label=_("Decision number"), max_length=60)
    approval_date = forms.DateField(label=_("Approval date"), widget=DateInput())


class PlanReviseForm(PlanApproveForm):
    reason = forms.CharField(
        label=_("Why the plan is revised"), widget=forms.Textarea(attrs={"rows": 3})
    )
    title = forms.CharField(label=_("Title"), max_length=300)
    period_start = forms.DateField(label=_("Period start"), widget=DateInput())
    period_end = forms.DateField(label=_("Period end"), widget=DateInput())

    field_order = ["reason", "title", "period_start", "period_end"]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("The plan ends before it starts."))
        return cleaned


class PlanCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("Closing date"), widget=DateInput())
    achieved = forms.CharField(
        label=_("What was achieved"), widget=forms.Textarea(attrs={"rows": 4})
    )
    not_achieved = forms.CharField(
        label=_("What was not achieved"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lessons = forms.CharField(
        label=_("Lessons learned"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    open_actions_reason = forms.CharField(
        label=_("Why close with actions still open"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, open_actions: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("closed_on", timezone.localdate())
        if not open_actions:
            del self.fields["open_actions_reason"]


class OrganisationChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: Organisation) -> str:
        return marked_label(obj, "name")


class ProblemChoices(RecordMultipleChoiceField):
    def label_from_instance(self, obj: IdentifiedProblem) -> str:
        rank = f"#{obj.priority_rank} " if obj.priority_rank else ""
        return f"{rank}{marked_label(obj.category, 'name')}: {obj.description[:90]}"


class PlanActionForm(forms.Form):
    description = forms.CharField(
        label=_("What will be done"), widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_organisation = RecordChoiceField(
        label=_("Responsible organisation"), queryset=Organisation.objects.none(), required=False
    )
    partners = OrganisationChoices(
        label=_("Partners"), queryset=Organisation.objects.none(), required=False
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DateInput())
    problems = ProblemChoices(
        label=_("Problems it answers"),
        queryset=IdentifiedProblem.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    planned_activities = forms.CharField(
        label=_("Planned activities"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One activity a line."),
    )

    def __init__(self, *args: Any, user: Any, plan: JointPlan, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        organisations = organisations_for_user(user).order_by("name")
        record_field(self, "responsible_organisation").queryset = organisations
        record_field(self, "partners").queryset = organisations
        self.fields["partners"].widget.attrs["size"] = 5
        record_field(self, "problems").queryset = (
            plan_problems(plan)
            .select_related("category")
            .order_by("assessment__date", "priority_rank", "pk")
        )

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        start, due = cleaned.get("start_date"), cleaned.get("due_date")
        if start and due and due < start:
            self.add_error("due_date", _("The due date is before the start date."))
        return cleaned


def _check_document(upload: Any) -> Any:
    if upload is None:
        return None
    name = (upload.name or "").lower()
    if not name.endswith(tuple(DOCUMENT_TYPES.split(","))):
        raise forms.ValidationError(
            _("Attach a PDF, an image or an office document (%(types)s).")
            % {"types": DOCUMENT_TYPES.replace(",", ", ")}
        )
    if upload.size > DOCUMENT_MAX_BYTES:
        raise forms.ValidationError(_("The document is larger than 10 MB."))
    return upload


class ContributionForm(forms.Form):
    source_type = forms.ChoiceField(label=_("Source"), choices=ContributionSource.choices)
    kind = forms.ChoiceField(
        label=_("Cash or in kind"),
        choices=ContributionKind.choices,
        initial=ContributionKind.CASH,
        widget=forms.RadioSelect,
    )
    state = forms.ChoiceField(
        label=_("Pledged or received"),
        choices=ContributionState.choices,
        widget=forms.RadioSelect,
        initial=ContributionState.PLEDGED,
    )
    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=0.01,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
        help_text=_("For a contribution in kind, its value."),
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=Currency.choices)
    date = forms.DateField(label=_("Date"), widget=DateInput())
    contributor = RecordChoiceField(
        label=_("Contributing organisation (optional)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    document = forms.FileField(
        label=_("Document (decision, receipt, act)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, currency: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        record_field(self, "contributor").queryset = Organisation.objects.active().filter(
            pk__in=organisations_for_user(user).values("pk")
        )
        if currency:
            self.initial.setdefault("currency", currency)
        self.initial.setdefault("date", timezone.localdate())

    def clean_document(self) -> Any:
        return _check_document(self.cleaned_data.get("document"))


class ContributionReceiveForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount received"),
        min_value=0.01,
        max_digits=16,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    date = forms.DateField(label=_("Date received"), widget=DateInput())
    document = forms.FileField(
        label=_("Document (receipt, act of transfer)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_TYPES}),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
    confirm_above_pledge = forms.BooleanField(
        label=_("Yes, more was received than pledged"), required=False
    )

    def __init__(self, *args: Any, pledged: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("amount", pledged)
        self.initial.setdefault("date", timezone.localdate())

    def clean_document(self) -> Any:
        return _check_document(self.cleaned_data.get("document"))
