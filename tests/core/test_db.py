"""core.db: rows of a hand-written statement read as the ORM reads them (RowReader), and
constant reads whose SQL is compiled once (compiled_rows)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from core.db import RowReader
from grants.models import Application
from tests import factories as f

pytestmark = pytest.mark.django_db

# A decimal, a date, a date-time, a boolean, texts and keys: SQLite returns the first three
# as float or text, which the ORM's converters turn back.
FIELDS = [
    Application._meta.get_field(name)
    for name in (
        "id",
        "programme",
        "title_en",
        "requested_amount",
        "received_on",
        "submitted_online",
        "email_confirmed_at",
    )
]


def test_it_reads_the_values_the_orm_reads_on_every_read() -> None:
    confirmed = timezone.now().replace(microsecond=0)
    applications = [
        f.ApplicationFactory(
            requested_amount=Decimal("1234.50"),
            received_on=dt.date(2026, 11, 30),
            submitted_online=True,
            email_confirmed_at=confirmed,
        ),
        f.ApplicationFactory(requested_amount=None),
    ]
    reader = RowReader(Application, FIELDS)
    table = connection.ops.quote_name(Application._meta.db_table)
    sql = f"SELECT {reader.columns('a')} FROM {table} a ORDER BY a.id"  # noqa: S608

    # Twice: the converters worked out by the first read serve the second.
    for _ in range(2):
        with connection.cursor() as cursor:
            cursor.execute(sql)
            read = reader.read(cursor.fetchall())
        for instance, orm in zip(read, applications, strict=True):
            orm.refresh_from_db()
            assert {field.attname: getattr(instance, field.attname) for field in FIELDS} == {
                field.attname: getattr(orm, field.attname) for field in FIELDS
            }
            assert instance._state.db == "default" and not instance._state.adding
    # Not merely equal: a float 1234.5 equals Decimal("1234.50").
    assert type(read[0].requested_amount) is Decimal
    assert type(read[0].received_on) is dt.date
    assert read[0].email_confirmed_at == confirmed


def test_compiled_rows_read_what_the_queryset_reads_and_new_rows_on_each_call() -> None:
    from django.db.models import Count, Q

    from core.db import compiled_rows
    from projects.models import Organisation

    first = f.OrganisationFactory(slug="compiled-a", name_en="A", name_ru="А")
    f.PartnershipFactory(organisation=first)
    f.PartnershipFactory(organisation=first)

    def build() -> Any:
        return (
            Organisation.objects.filter(Q(slug__startswith="compiled-"))
            .annotate(links=Count("partnerships"))
            .only("id", "slug", "name_en", "name_ru")
            .order_by("-links", "slug")
        )

    rows = compiled_rows("test-organisations", build)
    expected = list(build())
    assert [(r.pk, r.slug, r.name_en, r.name_ru, r.links) for r in rows] == [
        (e.pk, e.slug, e.name_en, e.name_ru, e.links) for e in expected
    ]
    assert rows[0].get_deferred_fields() == expected[0].get_deferred_fields()

    # The SQL is kept, never the rows: a row written since is read on the next call.
    f.OrganisationFactory(slug="compiled-b")
    assert [r.slug for r in compiled_rows("test-organisations", build)] == [
        "compiled-a",
        "compiled-b",
    ]


def test_compiled_rows_swap_in_each_calls_text_values() -> None:
    from core.db import compiled_rows
    from projects.models import Organisation

    f.OrganisationFactory(slug="swapped-a", name_en="A")
    f.OrganisationFactory(slug="swapped-b", name_en="B")

    def by_slug(slug: str) -> Any:
        return Organisation.objects.filter(slug=slug).order_by("pk")

    assert [o.name_en for o in compiled_rows("test-by-slug", by_slug, ["swapped-a"])] == ["A"]
    assert [o.name_en for o in compiled_rows("test-by-slug", by_slug, ["swapped-b"])] == ["B"]
    assert compiled_rows("test-by-slug", by_slug, ["nobody"]) == []
    # A value the ORM changes on its way to the SQL cannot be swapped: refused at once.
    with pytest.raises(ValueError, match="one parameter"):
        compiled_rows(
            "test-by-prefix",
            lambda prefix: Organisation.objects.filter(slug__startswith=prefix),
            ["swapped"],
        )
