"""Admin side of spreadsheet import/export, shared by grants, organisations and communities:
the language field on the import form, size limits with clear messages, the upload kept
in the database between preview and confirmation, a preview that counts new / updated /
unchanged / error rows, a confirmation that re-checks and saves nothing if anything is
wrong, the downloadable template, and exports passed through the formula guard."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export.admin import ImportExportMixin
from import_export.forms import ConfirmImportForm, ExportForm, ImportForm

from core.jobs import job_start
from core.spreadsheets.formats import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    ImportFileError,
    SafeXLSX,
    check_upload_size,
)
from core.spreadsheets.jobs import job_params
from core.spreadsheets.resource import DESCRIBED_ROWS, summary_counts
from core.spreadsheets.stored import dump_rows

PREVIEW_ROWS = DESCRIBED_ROWS
ERRORS_SHOWN = 500


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=gettext_lazy("Language of columns without a [xx] suffix"),
        choices=settings.LANGUAGES,
        help_text=gettext_lazy(
            "A column headed «Title» fills the title in this language; «Title [ru]» always "
            "fills Russian."
        ),
    )


class SpreadsheetImportForm(ImportForm):
    language = _language_field()
    field_order = ["resource", "import_file", "format", "language"]

    def clean_import_file(self) -> Any:
        upload = self.cleaned_data["import_file"]
        try:
            check_upload_size(upload.size)
        except ImportFileError as exc:
            raise forms.ValidationError(str(exc)) from None
        return upload


class SpreadsheetConfirmForm(ConfirmImportForm):
    language = forms.ChoiceField(choices=settings.LANGUAGES, widget=forms.HiddenInput())


class SpreadsheetImportExportMixin(ImportExportMixin):
    import_form_class = SpreadsheetImportForm
    confirm_form_class = SpreadsheetConfirmForm
    export_form_class = ExportForm
    import_formats = IMPORT_FORMATS
    export_formats = EXPORT_FORMATS
    # No tmp_storage_class here: the upload store is a model (grants.import_storage), named
    # in settings.IMPORT_EXPORT_TMP_STORAGE_CLASS, so core imports no domain app.
    import_template_name = "admin/grants/import.html"

    # --- permissions: 403 for staff without the import/export permission ----------------

    def get_urls(self) -> list[Any]:
        info = self.get_model_info()
        return [
            path(
                "import/template/",
                self.admin_site.admin_view(self.template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def template_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.get_import_resource_classes(request)[0]()
        language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
        response = HttpResponse(
            resource.template_workbook(language), content_type=SafeXLSX.CONTENT_TYPE
        )
        name = f"{self.model._meta.model_name}-import-template.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    # --- import form and resource --------------------------------------------------------

    def get_import_form_initial(self, request: HttpRequest) -> dict[str, Any]:
        return {"language": (translation.get_language() or settings.LANGUAGE_CODE)[:2]}

    def get_confirm_form_initial(self, request: HttpRequest, import_form: Any) -> dict[str, Any]:
        initial = super().get_confirm_form_initial(request, import_form)
        if import_form is not None:
            initial["language"] = import_form.cleaned_data["language"]
        return initial

    def get_import_resource_kwargs(self, request: HttpRequest, **kwargs: Any) -> dict[str, Any]:
        form = kwargs.get("form")
        language = None
        if form is not None and getattr(form, "cleaned_data", None):
            language = form.cleaned_data.get("language")
        return {"language": language}

    def get_import_data_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.pop("form", None)
        kwargs.pop("request", None)
        kwargs["rollback_on_validation_errors"] = True
        # The resource writes the admin log chunk by chunk, in the import's transaction.
        kwargs["admin_log"] = True
        return kwargs

    def generate_log_entries(self, result: Any, request: HttpRequest) -> None:
        # Already written by the resource (SpreadsheetResource.log_actions): import-export's
        # version needs every row's instance kept until the end.
        return None

    def add_data_read_fail_error_to_form(self, form: Any, e: Exception) -> None:
        if isinstance(e, ImportFileError):
            form.add_error("import_file", str(e))
        else:
            form.add_error(
                "import_file",
                _(
                    "The file cannot be read. Check that the format matches the file (.xlsx or "
                    ".csv)."
                ),
            )

    def get_import_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_import_context_data(**kwargs)
        info = self.get_model_info()
        context["template_url"] = reverse("admin:{}_{}_import_template".format(*info))
        context["max_rows"] = settings.IMPORT_MAX_ROWS
        context["max_bytes"] = settings.IMPORT_MAX_UPLOAD_BYTES
        context["preview_rows"] = PREVIEW_ROWS
        context["errors_shown"] = ERRORS_SHOWN
        context["columns"] = self.get_import_resource_classes(None)[0].columns
        return context

    def import_action(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        response = super().import_action(request, **kwargs)
        if isinstance(response, TemplateResponse) and response.context_data:
            self._keep_checked_rows(response.context_data)
            self._decorate_result(response.context_data)
        return response

    def _keep_checked_rows(self, context: dict[str, Any]) -> None:
        """Replace the stored upload with the rows the preview read, so the confirmation
        (or its background job) does not parse the file again (core/spreadsheets/stored.py)."""
        result = context.get("result")
        confirm_form = context.get("confirm_form")
        dataset = getattr(result, "dataset", None)
        if confirm_form is None or dataset is None:
            return
        result.dataset = None  # type: ignore[union-attr]  # an ImportResult when it has rows
        storage = self.get_tmp_storage_class()(
            name=confirm_form.initial["import_file_name"],
            encoding=None,
            read_mode="rb",
            **self.get_tmp_storage_class_kwargs(),
        )
        storage.save(dump_rows(dataset))

    def _decorate_result(self, context: dict[str, Any]) -> None:
        result = context.get("result")
        if result is None:
            return
        context["counts"] = summary_counts(result)
        messages_list: list[str] = []
        for error in result.base_errors:
            messages_list.extend(getattr(error.error, "messages", None) or [str(error.error)])
        for invalid in result.invalid_rows:
            for errors in invalid.error_dict.values():
                messages_list.extend(str(e) for e in errors)
        for _line, errors in result.row_errors():
            messages_list.extend(str(e.error) for e in errors)
        context["error_messages"] = messages_list[:ERRORS_SHOWN]
        context["more_errors"] = max(len(messages_list) - ERRORS_SHOWN, 0)
        context["preview"] = [r for r in result.rows if r.import_type != "invalid"][:PREVIEW_ROWS]

    def process_import(self, request: HttpRequest, **kwargs: Any) -> HttpResponse:
        if not self.has_import_permission(request):
            raise PermissionDenied
        background = self._start_background_import(request)
        if background is not None:
            return background
        return super().process_import(request, **kwargs)

    def _start_background_import(self, request: HttpRequest) -> HttpResponse | None:
        """A confirmed file above ``IMPORT_BACKGROUND_ROWS`` rows is imported by a worker
        (core/spreadsheets/jobs.py); the user follows its progress on the job page."""
        confirm_form = self.create_confirm_form(request)
        if not confirm_form.is_valid():
            return None
        input_format = self.get_import_formats()[int(confirm_form.cleaned_data["format"])](
            encoding=self.from_encoding
        )
        storage = self.get_tmp_storage_class()(
            name=confirm_form.cleaned_data["import_file_name"],
            encoding=None if input_format.is_binary() else self.from_encoding,
            read_mode=input_format.get_read_mode(),
            **self.get_tmp_storage_class_kwargs(),
        )
        data = storage.read()
        if data is None:
            return None
        rows = len(input_format.create_dataset(data))
        if rows <= settings.IMPORT_BACKGROUND_ROWS:
            return None
        changelist = reverse("admin:{}_{}_changelist".format(*self.get_model_info()))
        job = job_start(
            kind="spreadsheet_import",
            params=job_params(self, confirm_form, rows=rows, back_url=changelist),
            created_by=request.user,
            total=rows,
        )
        messages.info(
            request,
            _("The file has %(rows)s rows: it is being imported in the background.")
            % {"rows": rows},
        )
        return HttpResponseRedirect(job.get_absolute_url())

    def process_result(self, result: Any, request: HttpRequest) -> HttpResponse:
        if result.has_errors() or result.has_validation_errors():
            # The data changed between preview and confirmation; everything was rolled back.
            context = self.admin_site.each_context(request)
            context.update(self.get_import_context_data())
            context.update(
                {
                    "title": _("Import"),
                    "opts": self.model._meta,
                    "result": result,
                    "form": None,
                    "nothing_saved": True,
                }
            )
            self._decorate_result(context)
            request.current_app = self.admin_site.name
            return TemplateResponse(request, [self.import_template_name], context)
        return super().process_result(result, request)

    def add_success_message(self, result: Any, request: HttpRequest) -> None:
        counts = summary_counts(result)
        messages.success(
            request,
            _("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % counts,
        )

    # --- export --------------------------------------------------------------------------

    def get_export_data(
        self, file_format: Any, request: HttpRequest, queryset: Any, **kwargs: Any
    ) -> Any:
        if not self.has_export_permission(request):
            raise PermissionDenied
        data = self.get_data_for_export(request, queryset, **kwargs)
        return file_format.export_data(data)
