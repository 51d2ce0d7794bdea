from decimal import Decimal

from django.db import migrations, models
from django.db.models import Q

# grants.ranking.RANKED_STATUSES when this migration was written (historical models cannot
# import it).
RANKED_STATUSES = ("received", "eligible", "shortlisted", "awarded", "rejected")


def store_places(apps, schema_editor):
    """Fill the new columns with the rule of grants.services.application_ranking_refresh:
    competing applications by stored score (unscored last), then date of receipt, then id,
    with the requested amounts added up down the ranking."""
    Application = apps.get_model("grants", "Application")
    competing = Application.objects.filter(
        Q(submitted_online=False) | Q(email_confirmed_at__isnull=False),
        status__in=RANKED_STATUSES,
    ).only("pk", "programme_id", "score", "received_on", "requested_amount")
    by_programme = {}
    for application in competing:
        by_programme.setdefault(application.programme_id, []).append(application)
    changed = []
    for applications in by_programme.values():
        applications.sort(
            key=lambda a: (
                -(a.score if a.score is not None else Decimal("-1")),
                a.received_on,
                a.pk,
            )
        )
        running = Decimal("0")
        for place, application in enumerate(applications, start=1):
            running += application.requested_amount or Decimal("0")
            application.ranking_position = place
            application.ranking_cumulative = running
            changed.append(application)
    Application.objects.bulk_update(
        changed, ["ranking_position", "ranking_cumulative"], batch_size=1000
    )


def clear_places(apps, schema_editor):
    # The columns are dropped by the reverse of AddField; emptied first so the reverse
    # leaves nothing behind if it is stopped here.
    Application = apps.get_model("grants", "Application")
    Application.objects.update(ranking_position=None, ranking_cumulative=None)


class Migration(migrations.Migration):
    dependencies = [
        ("communities", "0017_plan_totals_received_usd"),
        ("grants", "0007_application_stored_score"),
        ("projects", "0007_projectsetup"),
    ]

    operations = [
        migrations.AddField(
            model_name="application",
            name="ranking_cumulative",
            field=models.DecimalField(decimal_places=2, editable=False, max_digits=18, null=True),
        ),
        migrations.AddField(
            model_name="application",
            name="ranking_position",
            field=models.PositiveIntegerField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                fields=["programme", "ranking_position"], name="application_ranking_place"
            ),
        ),
        migrations.RunPython(store_places, clear_places),
    ]
