"""Project configuration. The Celery app is loaded with Django, so ``@shared_task``
functions bind to it in every process (web, worker, management commands)."""

from config.celery import app as celery_app

__all__ = ("celery_app",)
