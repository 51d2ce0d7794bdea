"""Donor report files: the PDF made from files on disk only, in a font with every Kyrgyz and
Tajik letter; XLSX and PDF made by a background job for the user who asked, and no one else."""

from __future__ import annotations

import re
import socket
import zlib

import pytest
from django.urls import reverse

from core.models import BackgroundJob, JobState
from reports.pdf import BASE_URL, local_fetcher, weasyprint_available
from tests.reports.test_staff_views import _report_url

pytestmark = pytest.mark.django_db

needs_weasyprint = pytest.mark.skipif(
    not weasyprint_available(), reason="WeasyPrint's system libraries (Pango) are not installed"
)
KYRGYZ_TAJIK = "Коопсуз айыл: ң ө ү — Деҳаи бехатар: ғ ӣ қ ӯ ҳ ҷ"


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[object] = []

    def refuse(self, address):
        attempts.append(address)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def _streams(pdf: bytes) -> list[bytes]:
    found = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            found.append(zlib.decompress(stream))
        except zlib.error:
            found.append(stream)
    return found


def _unicode_in_pdf(pdf: bytes) -> set[int]:
    """Code points the PDF's fonts map glyphs back to (their ToUnicode tables)."""
    found: set[int] = set()
    for text in _streams(pdf):
        if b"beginbfchar" in text or b"beginbfrange" in text:
            found |= {int(h, 16) for h in re.findall(rb"<([0-9A-Fa-f]{4})>", text)}
    return found


def _font_names(pdf: bytes) -> set[bytes]:
    """The fonts text is set in (the embedded file keeps its own name, DejaVu, underneath)."""
    return {
        name.split(b"+")[-1]
        for text in _streams(pdf)
        for name in re.findall(rb"/Subtype\s*/Type0\s*/BaseFont\s*/([A-Za-z0-9+\-]+)", text)
    }


@needs_weasyprint
def test_the_pdf_embeds_the_shipped_font_and_kyrgyz_and_tajik_text_without_network(
    client, world, viewer, no_network
) -> None:
    world.project.title_en = KYRGYZ_TAJIK
    world.project.save()
    client.force_login(viewer)
    response = client.get(_report_url(world, "staff:donor_report_pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    assert pdf.startswith(b"%PDF")
    # The family named only in static/css/report-pdf.css, read from static/fonts/: no
    # system font stands in for it.
    fonts = _font_names(pdf)
    assert fonts and all(name.startswith(b"Portal-Sans") for name in fonts), fonts
    letters = {ord(c) for c in "ңөүғӣқӯҳҷ"}
    assert letters <= _unicode_in_pdf(pdf)
    assert no_network == []


@needs_weasyprint
def test_the_pdf_fetcher_reads_static_files_and_refuses_everything_else() -> None:
    fetcher = local_fetcher()
    css = fetcher(BASE_URL + "static/css/report-pdf.css")
    assert b"Portal Sans" in css.read()
    for url in (
        "https://example.org/font.ttf",
        "http://127.0.0.1:8000/static/css/portal.css",
        BASE_URL + "media/activities/photo.jpg",
        BASE_URL + "static/../config/settings/base.py",
    ):
        with pytest.raises(ValueError):
            fetcher(url)


def test_a_report_file_job_is_made_for_the_user_who_asked(
    client, world, viewer, outsider, django_capture_on_commit_callbacks
) -> None:
    client.force_login(viewer)
    prepare = _report_url(world, "staff:donor_report_prepare")
    assert client.get(prepare).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(prepare, {"format": "xlsx"})
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.state, job.created_by) == ("donor_report_xlsx", JobState.DONE, viewer)
    download = client.get(reverse("staff:job_download", args=[job.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"PK")
    client.force_login(outsider)
    assert client.get(reverse("staff:job_download", args=[job.pk])).status_code == 404


@needs_weasyprint
def test_a_pdf_job_renders_without_a_request(
    client, world, viewer, django_capture_on_commit_callbacks
) -> None:
    client.force_login(viewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_report_url(world, "staff:donor_report_prepare"), {"format": "pdf"})
    job = BackgroundJob.objects.get()
    assert job.state == JobState.DONE, job.error
    assert job.result_name.endswith(".pdf")
    assert job.result_file.read().startswith(b"%PDF")


@pytest.mark.parametrize(
    ("user_fixture", "expected"),
    [(None, 302), ("outsider", 404), ("viewer", 200), ("manager", 200)],
)
def test_preparing_report_files_permission_matrix(
    client, request, world, user_fixture, expected
) -> None:
    if user_fixture:
        client.force_login(request.getfixturevalue(user_fixture))
    url = _report_url(world, "staff:donor_report_prepare")
    assert client.get(url).status_code == expected
    assert client.post(url, {"format": "xlsx"}).status_code == (
        302 if expected == 200 else expected
    )
    assert BackgroundJob.objects.count() == (1 if expected == 200 else 0)


def test_an_unknown_file_format_is_refused_with_a_message(client, world, viewer) -> None:
    client.force_login(viewer)
    response = client.post(_report_url(world, "staff:donor_report_prepare"), {"format": "docx"})
    assert response.status_code == 400
    assert "Choose XLSX or PDF." in response.content.decode()
    assert not BackgroundJob.objects.exists()
