"""The Celery application: background jobs with Redis as the broker.

`make worker` starts a worker (with the beat scheduler for the reminders). Settings are the
``CELERY_*`` names in config/settings/base.py; without a broker (``make run`` on a bare
machine) tasks run eagerly inside the request, so nothing else has to be running.
"""

from __future__ import annotations

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
# Finds <app>/tasks.py in every installed app.
app.autodiscover_tasks()
