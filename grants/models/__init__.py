"""Small-grant programmes: calls, applications, committee reviews, awards, tranches and
grantee reports. The models are split by stage: calls (programmes, criteria, applications),
committee (members, reviews, decisions), awards (grants, tranches, reports) and imports.
Import them from here."""

from grants.models.awards import (
    Disbursement,
    Grant,
    GrantQuerySet,
    GrantReport,
    GrantReportQuerySet,
    GrantStatus,
    ReportKind,
    ReportStatus,
)
from grants.models.calls import (
    ATTACHMENT_SUFFIXES,
    RANKING_SCORE,
    Application,
    ApplicationAttachment,
    ApplicationQuerySet,
    ApplicationStatus,
    GrantProgramme,
    GrantProgrammeQuerySet,
    ScoringCriterion,
    public_programme_q,
)
from grants.models.committee import (
    CommitteeAffiliation,
    CommitteeDecision,
    CommitteeMember,
    DecisionOutcome,
    Review,
    ReviewScore,
)
from grants.models.imports import (
    ImportUpload,
)

__all__ = [
    "ATTACHMENT_SUFFIXES",
    "RANKING_SCORE",
    "Application",
    "ApplicationAttachment",
    "ApplicationQuerySet",
    "ApplicationStatus",
    "CommitteeAffiliation",
    "CommitteeDecision",
    "CommitteeMember",
    "DecisionOutcome",
    "Disbursement",
    "Grant",
    "GrantProgramme",
    "GrantProgrammeQuerySet",
    "GrantQuerySet",
    "GrantReport",
    "GrantReportQuerySet",
    "GrantStatus",
    "ImportUpload",
    "ReportKind",
    "ReportStatus",
    "Review",
    "ReviewScore",
    "ScoringCriterion",
    "public_programme_q",
]
