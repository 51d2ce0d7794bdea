"""Public pages of a call for proposals: the call itself, the online application, the
reference number on screen and by email, the confirmation link, and the applicant's own
applications (seen only from an address they confirmed)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from grants import call_services, committee_selectors, selectors
from grants.forms import ApplicationForm
from grants.models import Application

CONFIRM_SALT = "grants.application.confirm"
SUBMITTED_SALT = "grants.application.submitted"
CONFIRM_MAX_AGE = 14 * 24 * 3600
SESSION_EMAILS = "grant_applicant_emails"


def _client_address(request: HttpRequest) -> str:
    # Named in settings so this app need not import the top layer that owns the rule.
    return str(import_string(settings.CLIENT_ADDRESS_FUNCTION)(request))


def _rate_limited(request: HttpRequest) -> bool:
    """More than GRANT_APPLICATIONS_PER_HOUR submissions from this address this hour."""
    key = f"grants:apply:{_client_address(request)}:{timezone.now():%Y%m%d%H}"
    cache.add(key, 0, 3600)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    return count > settings.GRANT_APPLICATIONS_PER_HOUR


@require_GET
def call_detail(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_public_programme(slug)
    return render(
        request,
        "grants/call_detail.html",
        {
            "programme": programme,
            "criteria": programme.criteria.order_by("position", "pk"),
            "is_open": programme.call_is_open(),
        },
    )


def _send_confirmation(request: HttpRequest, application: Application) -> None:
    token = signing.dumps(
        {"pk": application.pk, "email": application.contact_email}, salt=CONFIRM_SALT
    )
    link = request.build_absolute_uri(reverse("grants:application_confirm", args=[token]))
    body = render_to_string(
        "grants/email/application_received.txt",
        {"application": application, "link": link, "programme": application.programme},
    )
    send_mail(
        _("Application %(reference)s received") % {"reference": application.reference},
        body,
        settings.DEFAULT_FROM_EMAIL,
        [application.contact_email],
    )


@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_public_programme(slug)
    if not programme.call_is_open():
        return render(request, "grants/call_closed.html", {"programme": programme}, status=410)
    form = ApplicationForm(request.POST or None, request.FILES or None, programme=programme)
    if request.method == "POST":
        if form.is_spam:
            # Answer as if accepted, so the bot learns nothing; nothing is saved.
            return redirect("grants:call_detail", slug=programme.slug)
        if _rate_limited(request):
            form.add_error(
                None,
                _(
                    "Too many applications were sent from your network in the last hour. "
                    "Try again later."
                ),
            )
        elif form.is_valid():
            data = form.cleaned_data
            try:
                application = call_services.application_submit(
                    programme=programme,
                    organisation_name=data["organisation_name"],
                    applicant_type=data["applicant_type"],
                    legal_form=data["legal_form"],
                    contact_name=data["contact_name"],
                    contact_email=data["contact_email"],
                    contact_phone=data["contact_phone"],
                    title=data["title"],
                    summary=data["summary"],
                    requested_amount=data["requested_amount"],
                    attachments=data["attachments"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, exc.messages)
            else:
                _send_confirmation(request, application)
                token = signing.dumps(application.pk, salt=SUBMITTED_SALT)
                return redirect("grants:application_submitted", token=token)
    return render(
        request,
        "grants/application_form.html",
        {"programme": programme, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def application_submitted(request: HttpRequest, token: str) -> HttpResponse:
    try:
        pk = signing.loads(token, salt=SUBMITTED_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise Http404 from None
    application = Application.objects.select_related("programme").filter(pk=pk).first()
    if application is None:
        raise Http404
    return render(request, "grants/application_submitted.html", {"application": application})


@require_GET
def application_confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        return render(request, "grants/confirm_failed.html", {"expired": True}, status=400)
    except signing.BadSignature:
        return render(request, "grants/confirm_failed.html", {"expired": False}, status=400)
    application = Application.objects.filter(
        pk=data.get("pk"), contact_email=data.get("email")
    ).first()
    if application is None:
        return render(request, "grants/confirm_failed.html", {"expired": False}, status=400)
    call_services.application_confirm_email(application=application)
    emails = set(request.session.get(SESSION_EMAILS, []))
    emails.add(application.contact_email)
    request.session[SESSION_EMAILS] = sorted(emails)
    messages.success(
        request,
        _("Your email address is confirmed; application %(reference)s goes to the committee.")
        % {"reference": application.reference},
    )
    return redirect("grants:my_applications")


@require_GET
def my_applications(request: HttpRequest) -> HttpResponse:
    # Applications sent from the addresses this browser confirmed, and nothing else.
    emails = request.session.get(SESSION_EMAILS, [])
    response = render(
        request,
        "grants/my_applications.html",
        {"applications": committee_selectors.applicant_applications(emails)},
    )
    response["Cache-Control"] = "private, no-store"
    return response
