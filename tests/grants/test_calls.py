"""Calls for proposals: the call page, applying online (reference on screen and by email),
the deadline, spam defences (honeypot, rate limit, confirmed email), attachments only the
committee can read, and an applicant who sees only their own applications."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from grants import call_services
from grants.call_views import SESSION_EMAILS
from grants.models import Application, ApplicationAttachment
from projects.models import GranteeType, LegalForm, Organisation
from tests import factories as f

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%fake but well-formed enough\n"


@pytest.fixture
def call(db):
    programme = f.GrantProgrammeFactory(
        slug="prevention-in-action",
        name_en="Prevention in Action",
        currency="USD",
        call_opens=timezone.localdate() - dt.timedelta(days=10),
        call_closes=timezone.localdate() + dt.timedelta(days=10),
        budget_ceiling=Decimal("5000"),
        eligibility_en="Public associations and activists registered in Kyrgyzstan.",
        accepts_civil_society=True,
        accepts_local_government=True,
    )
    f.ScoringCriterionFactory(programme=programme, name_en="Relevance", weight=Decimal("2"))
    return programme


def _url(name: str, *args: object, language: str = "en") -> str:
    with translation.override(language):
        return reverse(name, args=args)


def _post(client, programme, language: str = "en", **overrides):
    data = {
        "applicant_type": GranteeType.CIVIL_SOCIETY,
        "organisation_name": "Общественный фонд «Ыйман»",
        "legal_form": LegalForm.PUBLIC_FOUNDATION,
        "contact_name": "Айгүл Асанова",
        "contact_email": "aigul@example.org",
        "contact_phone": "+996 555 000 000",
        "title": "Youth and elders for peace",
        "summary": "Dialogue and sports in two villages.",
        "requested_amount": "4500",
        "website": "",
    }
    data.update(overrides)
    return client.post(_url("grants:apply", programme.slug, language=language), data)


def test_the_call_page_shows_eligibility_deadline_ceiling_and_criteria(client, call) -> None:
    page = client.get(_url("grants:call_detail", call.slug)).content.decode()
    assert "Public associations and activists registered in Kyrgyzstan." in page
    assert "Largest amount per application" in page and "5,000" in page.replace(" ", ",")
    assert "Relevance" in page
    assert _url("grants:apply", call.slug) in page


@pytest.mark.parametrize("language", ["en", "ru", "ky", "tg"])
def test_the_call_page_speaks_four_languages(client, call, language) -> None:
    response = client.get(_url("grants:call_detail", call.slug, language=language))
    assert response.status_code == 200
    assert f'lang="{language}"' in response.content.decode()


def test_an_organisation_applies_and_gets_its_reference_on_screen_and_by_email(
    client, call
) -> None:
    upload = SimpleUploadedFile("proposal.pdf", PDF, content_type="application/pdf")
    response = _post(client, call, attachments=[upload])
    assert response.status_code == 302
    application = Application.objects.get()
    assert re.fullmatch(r"PIA-\d{4}-0001", application.reference)
    assert application.applicant.legal_form == LegalForm.PUBLIC_FOUNDATION
    assert application.attachments.get().original_name == "proposal.pdf"
    assert application.email_confirmed_at is None
    page = client.get(response["Location"]).content.decode()
    assert application.reference in page
    assert len(mail.outbox) == 1
    assert application.reference in mail.outbox[0].subject
    assert application.reference in mail.outbox[0].body
    assert "/applications/confirm/" in mail.outbox[0].body


def test_after_the_deadline_applications_are_refused_and_nothing_is_saved(client, call) -> None:
    call.call_closes = timezone.localdate() - dt.timedelta(days=1)
    call.save()
    assert client.get(_url("grants:apply", call.slug)).status_code == 410
    assert _post(client, call).status_code == 410
    with pytest.raises(ValidationError, match="closed"):
        call_services.application_submit(
            programme=call,
            organisation_name="Late",
            applicant_type=GranteeType.CIVIL_SOCIETY,
            legal_form="",
            contact_name="x",
            contact_email="x@example.org",
            contact_phone="",
            title="Late",
            summary="Late",
            requested_amount=Decimal("10"),
        )
    assert not Application.objects.exists() and not Organisation.objects.filter(name="Late")


def test_a_filled_honeypot_saves_nothing_and_sends_nothing(client, call) -> None:
    response = _post(client, call, website="http://spam.example")
    assert response.status_code == 302
    assert not Application.objects.exists() and not mail.outbox


def test_too_many_applications_from_one_address_are_refused(client, call, settings) -> None:
    settings.GRANT_APPLICATIONS_PER_HOUR = 1
    assert _post(client, call).status_code == 302
    second = _post(client, call, title="Second")
    assert second.status_code == 400
    assert "Too many applications" in second.content.decode()
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00binary"), "is not really a PDF file"),
        (SimpleUploadedFile("notes.txt", b"hello"), "only PDF, DOCX and XLSX"),
    ],
)
def test_a_bad_attachment_is_refused_with_a_clear_message(client, call, upload, message) -> None:
    response = _post(client, call, attachments=[upload])
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Application.objects.exists() and not mail.outbox


def test_an_attachment_over_the_size_limit_is_refused(client, call, settings) -> None:
    settings.GRANT_ATTACHMENT_MAX_BYTES = 100
    upload = SimpleUploadedFile("big.pdf", PDF + b"x" * 200)
    response = _post(client, call, attachments=[upload])
    assert "each file may be at most 100" in response.content.decode()
    assert not Application.objects.exists()


def test_an_amount_above_the_ceiling_and_a_type_the_call_refuses_are_field_errors(
    client, call
) -> None:
    call.accepts_local_government = False
    call.save()
    response = _post(client, call, requested_amount="9000")
    page = response.content.decode()
    assert response.status_code == 400
    assert "The call funds at most 5 000.00 USD per application." in page
    response = _post(client, call, applicant_type=GranteeType.LOCAL_GOVERNMENT)
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_attachments_are_served_only_to_the_committee(client, call) -> None:
    upload = SimpleUploadedFile("proposal.pdf", PDF)
    _post(client, call, attachments=[upload])
    attachment = ApplicationAttachment.objects.get()
    url = attachment.get_absolute_url()
    assert client.get(url).status_code == 404
    outsider = f.UserFactory()
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    member = f.CommitteeMemberFactory(programme=call).user
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def _confirm_link() -> str:
    return re.search(r"https?://\S+/applications/confirm/\S+", mail.outbox[-1].body).group(0)


def test_the_confirmation_link_confirms_and_the_applicant_sees_only_their_own(client, call) -> None:
    _post(client, call)
    _post(client, call, contact_email="other@example.org", title="Someone else's")
    mine = Application.objects.get(contact_email="aigul@example.org")
    # The second mail is the other applicant's; confirm only the first.
    link = re.search(r"https?://\S+/applications/confirm/\S+", mail.outbox[0].body).group(0)
    response = client.get(link)
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.email_confirmed_at is not None
    page = client.get(_url("grants:my_applications")).content.decode()
    assert mine.reference in page
    assert "Someone else&#x27;s" not in page and "Someone else's" not in page
    # A browser that confirmed nothing sees nothing.
    client.logout()
    client.cookies.clear()
    assert mine.reference not in client.get(_url("grants:my_applications")).content.decode()


def test_a_tampered_confirmation_link_is_refused(client, call) -> None:
    _post(client, call)
    response = client.get(_confirm_link().rstrip("/")[:-3] + "abc/")
    assert response.status_code == 400
    assert Application.objects.get().email_confirmed_at is None


def _confirmed_in_browser(client, *emails: str) -> None:
    session = client.session
    session[SESSION_EMAILS] = list(emails)
    session.save()


def test_my_applications_lists_the_confirmed_addresses_newest_first_in_flat_queries(
    client,
) -> None:
    def sent(email: str, day: int, confirmed: bool = True, **fields) -> Application:
        return f.ApplicationFactory(
            contact_email=email,
            submitted_online=True,
            email_confirmed_at=timezone.now() if confirmed else None,
            received_on=dt.date(2026, 11, day),
            **fields,
        )

    older = sent("aigul@example.org", 1, reference="R-OLD", requested_amount=Decimal("1500"))
    newer = sent("aigul@example.org", 3, reference="R-NEW", programme__currency="KGS")
    work = sent("office@example.org", 2, reference="R-WORK", title_en="Lights <on>")
    sent("aigul@example.org", 4, confirmed=False, reference="R-UNCONFIRMED")
    sent("someone@example.org", 5, reference="R-SOMEONE")
    _confirmed_in_browser(client, "aigul@example.org", "office@example.org")
    client.get(_url("grants:my_applications"))  # the first request touches the session

    with CaptureQueriesContext(connection) as few:
        page = client.get(_url("grants:my_applications")).content.decode()
    assert [ref for ref in ("R-NEW", "R-WORK", "R-OLD") if ref in page] == [
        "R-NEW",
        "R-WORK",
        "R-OLD",
    ]
    assert page.index("R-NEW") < page.index("R-WORK") < page.index("R-OLD")
    assert "R-UNCONFIRMED" not in page and "R-SOMEONE" not in page
    assert "Lights &lt;on&gt;" in page and str(newer.programme) in page
    assert "$1,500" in page and "сом" in page
    assert str(work.programme) in page and str(older.programme) in page

    for n in range(10):
        sent("aigul@example.org", 6 + n)
    with CaptureQueriesContext(connection) as many:
        page = client.get(_url("grants:my_applications")).content.decode()
    assert page.count("<tr>") == 1 + 13
    # One read of the applications (with their programmes), however many there are.
    assert len(many) == len(few)
    assert [q["sql"].count("grants_application") > 0 for q in many].count(True) == 1


def test_a_closed_call_says_until_when_in_the_kyrgyz_dative(client, call) -> None:
    call.call_opens, call.call_closes = dt.date(2024, 11, 1), dt.date(2024, 12, 15)
    call.save()
    html = client.get(_url("grants:apply", call.slug, language="ky")).content.decode()
    assert "2024-ж., 15-декабрга чейин" in html
    assert "15-декабрь чейин" not in html
