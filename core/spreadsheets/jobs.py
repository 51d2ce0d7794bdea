"""Large spreadsheet imports, confirmed in the admin and run by a background worker.

The admin's confirm step (``SpreadsheetImportExportMixin.process_import``) hands a file with
more than ``IMPORT_BACKGROUND_ROWS`` rows to a ``spreadsheet_import`` job instead of running
it inside the request, where 20,000 rows come close to gunicorn's time-out. The worker runs
the same resource as the admin would, with the same checks, and commits the rows, the admin
log and the job's "finished" mark in one transaction (core/jobs.py): a worker killed midway
leaves no row, and the retry imports the whole file once. Rows are matched by their natural
key, so even an import confirmed twice updates rather than duplicates.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _
from import_export.signals import post_import

from core.jobs import JobFailed, JobResult, Progress
from core.models import BackgroundJob
from core.spreadsheets.resource import summary_counts

ERRORS_IN_MESSAGE = 20


def job_params(model_admin: Any, confirm_form: Any, *, rows: int, back_url: str) -> dict[str, Any]:
    """What the worker needs to repeat the confirm step: plain JSON, no objects."""
    data = confirm_form.cleaned_data
    return {
        "model": model_admin.model._meta.label,
        "import_file_name": data["import_file_name"],
        "original_file_name": data.get("original_file_name") or "",
        "format": int(data["format"]),
        "resource": data.get("resource") or 0,
        "language": data.get("language") or "",
        "ui_language": translation.get_language() or "",
        "rows": rows,
        "back_url": back_url,
        "title": _("Import of %(file)s (%(rows)s rows)")
        % {"file": data.get("original_file_name") or "", "rows": rows},
    }


def _request_for(user: Any) -> HttpRequest:
    # The admin's helpers read only request.user; there is no real request in a worker.
    request = HttpRequest()
    request.user = user
    return request


def run_import(job: BackgroundJob, progress: Progress) -> JobResult:
    params = job.params
    user = job.created_by or get_user_model()()
    model = apps.get_model(params["model"])
    # An ImportMixin admin (django-import-export ships no types).
    model_admin: Any = admin.site._registry[model]
    request = _request_for(user)
    with translation.override(params.get("ui_language") or None):
        input_format = model_admin.get_import_formats()[params["format"]](
            encoding=model_admin.from_encoding
        )
        encoding = None if input_format.is_binary() else model_admin.from_encoding
        storage = model_admin.get_tmp_storage_class()(
            name=params["import_file_name"],
            encoding=encoding,
            read_mode=input_format.get_read_mode(),
            **model_admin.get_tmp_storage_class_kwargs(),
        )
        data = storage.read()
        if data is None:
            raise JobFailed(_("The uploaded file is no longer there. Please upload it again."))
        dataset = input_format.create_dataset(data)
        progress(0, len(dataset))
        form = SimpleNamespace(
            cleaned_data={"resource": params["resource"], "language": params["language"]}
        )
        resource_kwargs = model_admin.get_import_resource_kwargs(request, form=form)
        resource = model_admin.choose_import_resource_class(form, request)(**resource_kwargs)
        # admin_log=True among them: the resource writes the admin log as it goes.
        import_kwargs = model_admin.get_import_data_kwargs(request=request, form=form)

        parse_row = resource.before_import_row
        seen = {"rows": 0}

        def counted(row: dict[str, Any], **kwargs: Any) -> None:
            seen["rows"] += 1
            progress(seen["rows"])
            parse_row(row, **kwargs)

        resource.before_import_row = counted
        result = resource.import_data(
            dataset,
            dry_run=False,
            file_name=params["original_file_name"],
            user=user if user.pk else None,
            **import_kwargs,
        )
        if result.has_errors() or result.has_validation_errors():
            raise JobFailed(_failure_text(result))
        post_import.send(sender=None, model=model)
        # Kept until now: a retry after a killed worker needs the file again.
        storage.remove()
        return JobResult(
            message=_("Import finished: %(new)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % summary_counts(result)
        )


def _failure_text(result: Any) -> str:
    lines: list[str] = []
    for error in result.base_errors:
        lines.extend(getattr(error.error, "messages", None) or [str(error.error)])
    for invalid in result.invalid_rows:
        for errors in invalid.error_dict.values():
            lines.extend(str(e) for e in errors)
    for _line, errors in result.row_errors():
        lines.extend(str(e.error) for e in errors)
    shown = "\n".join(lines[:ERRORS_IN_MESSAGE])
    more = len(lines) - ERRORS_IN_MESSAGE
    head = _("Nothing was imported: the file has errors. Correct them and upload it again.")
    tail = f"\n… (+{more})" if more > 0 else ""
    return f"{head}\n{shown}{tail}"
