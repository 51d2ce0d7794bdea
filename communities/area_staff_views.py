"""Staff workspace: a project's target areas (country, region, district or community),
added and removed by its managers. The rest of project setup is in projects.staff_views."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from communities.area_access import get_project_area_for_user
from communities.area_forms import ProjectAreaForm
from communities.area_services import project_area_create, project_area_delete
from communities.models import ProjectArea
from core.staff import form_page, staff_login_required
from projects.access import get_project_for_user


def _fields_url(slug: str) -> str:
    return reverse("staff:area_place_fields", kwargs={"slug": slug})


@staff_login_required
@require_http_methods(["GET", "POST"])
def area_create(request: HttpRequest, slug: str) -> HttpResponse:
    project = get_project_for_user(request.user, slug, manage=True)
    form = ProjectAreaForm(request.POST or None, fields_url=_fields_url(project.slug))

    def save() -> ProjectArea:
        data = form.cleaned_data
        return project_area_create(
            user=request.user,
            project=project,
            level=data["level"],
            country=data.get("country") or "",
            region=data.get("region"),
            district=data.get("district"),
            community=data.get("community"),
            note=data.get("note", ""),
        )

    return form_page(
        request,
        form,
        save=save,
        success=_("Target area added."),
        redirect_to=reverse("staff:project_detail", kwargs={"slug": project.slug}),
        template="staff/area_form.html",
        context={"project": project},
    )


@staff_login_required
@require_GET
def area_place_fields(request: HttpRequest, slug: str) -> HttpResponse:
    """htmx: the place fields for the level (and district) just chosen."""
    get_project_for_user(request.user, slug, manage=True)
    form = ProjectAreaForm(initial=request.GET.dict(), fields_url=_fields_url(slug))
    return render(request, "staff/partials/area_place_fields.html", {"form": form})


@staff_login_required
@require_http_methods(["GET", "POST"])
def area_delete(request: HttpRequest, pk: int) -> HttpResponse:
    area = get_project_area_for_user(request.user, pk, manage=True)
    error = ""
    if request.method == "POST":
        try:
            project_area_delete(user=request.user, area=area)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("Target area removed."))
            return redirect("staff:project_detail", slug=area.project.slug)
    return render(
        request,
        "staff/confirm_delete.html",
        {
            "project": area.project,
            "what": area.place_name,
            "detail": area.get_level_display(),
            "error": error,
        },
        status=400 if error else 200,
    )
