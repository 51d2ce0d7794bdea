import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
# Web requests get a database statement timeout (config/settings/base.py); set here, before
# settings load, so management commands and workers, which never import this module, keep
# running long statements.
os.environ.setdefault("DJANGO_DB_STATEMENT_TIMEOUT_MS", "5000")

application = get_wsgi_application()
