"""Settings shared by every environment.

Every value that differs between machines comes from the environment through the one
``env`` object below. Reading a ``.env`` file is opt-in (``DJANGO_READ_DOT_ENV=1``) so a
stray file never silently changes production.
"""

from pathlib import Path
from typing import Any

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV", default=False):
    environ.Env.read_env(BASE_DIR / ".env")

SECRET_KEY = env("DJANGO_SECRET_KEY", default="insecure-local-only-key")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS: list[str] = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its admin integration applies.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "import_export",
    "simple_history",
    "axes",
    "csp",
    "django_htmx",
    # Ours, bottom layer first: core <- projects <- communities <- grants <- reports.
    "core",
    "communities",
    "projects",
    "grants",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database: NUL in a query would be a 500 on PostgreSQL.
    "core.middleware.RejectUnstorableInputMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # An ETag on every page that is not already cached with one (core.cache sets its own),
    # and a 304 when the client has that version: a phone on a slow link skips the body.
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionIdleTouchMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After the language is chosen: an error reading the session still gets a translated page.
    "core.middleware.SessionTimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "core.middleware.DraftSavedMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.CacheControlMiddleware",
    # axes must be last so it sees the final response of a failed login.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.site",
            ],
        },
    },
]

# The embedded default keeps `make run` working on a bare machine; production and CI set
# DATABASE_URL to PostgreSQL.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
# A runaway query on a web request ends as a logged error page after this many
# milliseconds instead of holding a worker until gunicorn kills it at 60 s (PostgreSQL only).
# Set for web processes only: config/wsgi.py defaults it to 5000 before settings load;
# management commands, migrations, loaders and workers run without a limit (0).
STATEMENT_TIMEOUT_MS = env.int("DJANGO_DB_STATEMENT_TIMEOUT_MS", default=0)
# A pooled connection that died with a database restart is replaced on the next request
# instead of failing it.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT judges our report and place aggregates "expensive" by row estimate
    # and spends 0.5-2 s compiling them; at scale 100 the cold home page took 2.3-3.7 s
    # with JIT and 0.65-1.1 s without. Plain execution is faster for every query we run.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
    if STATEMENT_TIMEOUT_MS > 0:
        DATABASES["default"]["OPTIONS"]["options"] += (
            f" -c statement_timeout={STATEMENT_TIMEOUT_MS}"
        )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis serves as the shared cache and as Celery's broker. Every machine of this project runs
# it on 127.0.0.1:6379, but nothing requires it: without REDIS_URL (`make run` on a bare
# machine) the cache is per process and background jobs run in the request.
REDIS_URL = env("REDIS_URL", default="")
CACHE_KEY_PREFIX = env("CACHE_KEY_PREFIX", default="portal")
if env("CACHE_URL", default=""):
    CACHES = {"default": env.cache("CACHE_URL")}
elif REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, wrapped: an outage is a cache miss (core/cache_backends.py).
            "BACKEND": "core.cache_backends.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": CACHE_KEY_PREFIX,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "core.cache_backends.ResilientRedisCache"
    CACHES["default"].setdefault("KEY_PREFIX", CACHE_KEY_PREFIX)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    # axes' username + address lockout plus a per-address limit (config.login_throttle).
    "config.login_throttle.AddressLimitedAxesBackend",
    # ModelBackend that reads the user's staff roles with the user (one query less a page).
    "projects.auth_backends.StaffRolesBackend",
    # Sessions signed in before StaffRolesBackend name this one: they stay valid.
    "django.contrib.auth.backends.ModelBackend",
]

LANGUAGE_CODE = "ru"
LANGUAGES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ky", _("Kyrgyz")),
    ("tg", _("Tajik")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Kyrgyz and Tajik date formats differ from Django's (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Bishkek"
USE_I18N = True
USE_TZ = True

# Content entered in one language is shown in the others until someone translates it, in
# every direction, with a marker naming the language shown (core.i18n.shown_language).
# Russian is the shared working language of both countries, English the donors'. The order
# per page language is configurable: CONTENT_FALLBACK_ORDER="ky:ru,en,tg;tg:ru,en,ky;…".
MODELTRANSLATION_DEFAULT_LANGUAGE = "ru"
MODELTRANSLATION_LANGUAGES = ("en", "ru", "ky", "tg")
CONTENT_FALLBACK_ORDER: dict[str, tuple[str, ...]] = {
    "ky": ("ru", "en", "tg"),
    "tg": ("ru", "en", "ky"),
    "ru": ("en", "ky", "tg"),
    "en": ("ru", "ky", "tg"),
}
for _rule in env("CONTENT_FALLBACK_ORDER", default="").split(";"):
    if ":" in _rule:
        _language, _order = _rule.split(":", 1)
        CONTENT_FALLBACK_ORDER[_language.strip()] = tuple(
            code.strip() for code in _order.split(",") if code.strip()
        )
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("ru", "en", "ky", "tg"),
    **CONTENT_FALLBACK_ORDER,
}

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media is always served through config.media, which checks that the visitor may see the
# record a file belongs to. Behind nginx, set this to an `internal` location (for example
# /protected-media/): Django then checks and answers with X-Accel-Redirect, nginx sends
# the bytes. Empty: Django streams the file itself.
MEDIA_ACCEL_REDIRECT = env("DJANGO_MEDIA_ACCEL_REDIRECT", default="")
# Media on S3-compatible object storage (django-storages, config/requirements/s3.txt) when a
# bucket is named; off by default. The bucket stays private: config.media checks the visitor,
# then redirects to a signed link that expires after MEDIA_SIGNED_URL_SECONDS (core/storage.py).
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default=env("S3_BUCKET", default=""))
MEDIA_SIGNED_URL_SECONDS = env.int("MEDIA_SIGNED_URL_SECONDS", default=300)
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # MinIO, Ceph, a provider's S3-compatible endpoint; None is AWS itself.
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=env("S3_ENDPOINT_URL", default=""))
            or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            # Credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY from the environment.
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": MEDIA_SIGNED_URL_SECONDS,
            "signature_version": env("AWS_S3_SIGNATURE_VERSION", default="s3v4"),
            "file_overwrite": False,
        },
    }

LOGIN_URL = "staff:login"
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "projects:home"

SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_IDLE_SECONDS", default=60 * 60 * 2)
# core.middleware.SessionIdleTouchMiddleware saves a session used more than this many
# seconds after its last save, which turns SESSION_COOKIE_AGE into an idle timeout without
# a database write on every request.
SESSION_TOUCH_SECONDS = env.int("DJANGO_SESSION_TOUCH_SECONDS", default=60)
# Sessions live in PostgreSQL, so every instance sees every login; with a shared cache the
# session is also read from Redis (one query less per page), and read from the database when
# Redis is down.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db"
    if CACHES["default"]["BACKEND"] == "core.cache_backends.ResilientRedisCache"
    else "django.contrib.sessions.backends.db"
)

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="portal@localhost")
# The portal's address as users reach it, for links in e-mails sent outside a request.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# How many proxies in front of gunicorn append to X-Forwarded-For (docs/deploying.md).
# 0 ignores the header: without a proxy that overwrites it, any client could forge it.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

# django-axes: a whole office shares one address behind NAT, so lock the pair; an attacker
# elsewhere then cannot lock a colleague out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "staff/lockout.html"
# django-ipware is not installed, so axes' AXES_IPWARE_* settings would do nothing: the
# address comes from our own callable, which trusts exactly TRUSTED_PROXY_COUNT proxies.
AXES_CLIENT_IP_CALLABLE = "config.login_throttle.client_ip_address"
# A failure during a lockout must not restart it, or anyone could keep a victim locked out.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# The per-address limit across usernames counts axes' failure log (one row per failure).
AXES_ENABLE_ACCESS_FAILURE_LOG = True
LOGIN_ADDRESS_FAILURE_LIMIT = env.int("LOGIN_ADDRESS_FAILURE_LIMIT", default=20)
LOGIN_ADDRESS_FAILURE_WINDOW_MINUTES = env.int("LOGIN_ADDRESS_FAILURE_WINDOW_MINUTES", default=15)

# django-csp 4: scripts only from our own origin, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *env.list("MAP_TILE_HOSTS", default=[])],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# An empty tile URL leaves the map as markers on a plain background: nothing leaves the site.
MAP_TILE_URL = env("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env("MAP_TILE_ATTRIBUTION", default="")

PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=300)
# How long a cached public fragment or page lives at most (core/cache.py); writes bump the
# content version sooner. The backstop for writes that bypass signals.
PUBLIC_FRAGMENT_CACHE_SECONDS = env.int("PUBLIC_FRAGMENT_CACHE_SECONDS", default=3600)
# Apps whose writes invalidate the public cache. Named by label so core imports none of them.
PUBLIC_CONTENT_APPS = ("projects", "communities", "grants", "reports")
# Models of those apps that no public page shows: their writes retire nothing.
# The plan summaries follow the writes of actions and contributions, and the groups' member
# counts the writes of seats, which bump the cache themselves; as ignored models they have no
# signal receiver, so their deletes stay one query.
PUBLIC_CACHE_IGNORED_MODELS = (
    "grants.importupload",
    "communities.plantotals",
    "communities.plancofinancing",
    "communities.workinggrouptotals",
)

# Counts about people on public pages (members, sensitive problems) from 1 up to this
# number minus one show as "fewer than N" (core.small_numbers).
PUBLIC_SMALL_NUMBER_THRESHOLD = env.int("PUBLIC_SMALL_NUMBER_THRESHOLD", default=3)

# django-import-export
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "import"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "export"
IMPORT_EXPORT_TMP_STORAGE_CLASS = "grants.import_storage.DatabaseStorage"
IMPORT_MAX_UPLOAD_BYTES = env.int("IMPORT_MAX_UPLOAD_BYTES", default=10 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=20_000)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=100 * 1024 * 1024)

PHOTO_MAX_BYTES = env.int("PHOTO_MAX_BYTES", default=10 * 1024 * 1024)
PHOTO_MAX_COUNT = env.int("PHOTO_MAX_COUNT", default=10)
# Online grant applications: attachment limits, and how many applications one address
# may send per hour (a honeypot and a confirmed email keep the rest out).
GRANT_ATTACHMENT_MAX_BYTES = env.int("GRANT_ATTACHMENT_MAX_BYTES", default=5 * 1024 * 1024)
GRANT_ATTACHMENT_MAX_COUNT = env.int("GRANT_ATTACHMENT_MAX_COUNT", default=5)
GRANT_APPLICATIONS_PER_HOUR = env.int("GRANT_APPLICATIONS_PER_HOUR", default=5)
# How the client's address is read behind proxies (one rule for every rate limit).
CLIENT_ADDRESS_FUNCTION = "config.login_throttle.client_ip_address"
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REPORTING_CURRENCY = env("REPORTING_CURRENCY", default="USD")

# Background jobs (config/celery.py, core/jobs.py). The broker is Redis when one is configured;
# without one every job runs at once inside the request that started it (eager), so
# `make run` needs no broker and no worker.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="") or REDIS_URL
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = False
# Results live in core.BackgroundJob rows, not in a result backend.
CELERY_TASK_IGNORE_RESULT = True
# A job is acknowledged when it has finished, not when a worker takes it: a worker killed
# mid-job (SIGKILL, out of memory, a lost machine) hands the job back to the queue. Every
# task is therefore idempotent (core/jobs.py).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A message taken by a worker that vanished entirely is redelivered after this long; it must
# exceed the longest job.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT_SECONDS", default=60 * 60),
    # A Redis that hangs (frozen, partitioned) must fail a request's publish in seconds, not
    # hold it until gunicorn's time-out kills the worker (measured: bench/faults_scaleout.py).
    "socket_timeout": 3,
    "socket_connect_timeout": 2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Queuing a job from a request while Redis is down must fail in about a second, with a clear
# message on the job page (core.jobs.enqueue), not hang the request.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# Several portals (or CI runs) may share one Redis: each consumes only its own queue.
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="portal")
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=30 * 60)
CELERY_TIMEZONE = TIME_ZONE
# celery beat: the daily grantee report reminders (grants/reminders.py).
CELERY_BEAT_SCHEDULE = {
    "grant-report-reminders": {
        "task": "grants.tasks.send_report_reminders_task",
        "schedule": env.int("REMINDER_INTERVAL_SECONDS", default=24 * 60 * 60),
    },
}
# What each kind of core.BackgroundJob runs, by dotted path, so core imports no domain app.
BACKGROUND_JOB_HANDLERS = {
    "spreadsheet_import": "core.spreadsheets.jobs.run_import",
    "donor_report_xlsx": "reports.jobs.donor_report_xlsx",
    "donor_report_pdf": "reports.jobs.donor_report_pdf",
    "photo_process": "communities.photo_jobs.process_photo",
}
# What runs when a job of a kind has failed for good (after its error is recorded).
BACKGROUND_JOB_FAILURE_HANDLERS = {
    "photo_process": "communities.photo_jobs.process_photo_failed",
}
# Uploaded photos are re-encoded by a background job after the request (the request only
# checks them). Off: they are re-encoded inside the request, as before.
PHOTOS_IN_BACKGROUND = env.bool("PHOTOS_IN_BACKGROUND", default=True)
# Confirmed imports with more rows than this run in a worker, with a progress bar.
IMPORT_BACKGROUND_ROWS = env.int("IMPORT_BACKGROUND_ROWS", default=2_000)
# Days before a grantee report's due date when its reminder goes out; overdue reports are
# reminded again every REMINDER_OVERDUE_EVERY_DAYS.
REMINDER_DAYS_BEFORE_DUE = env.int("REMINDER_DAYS_BEFORE_DUE", default=7)
REMINDER_OVERDUE_EVERY_DAYS = env.int("REMINDER_OVERDUE_EVERY_DAYS", default=7)

# Only bench settings switch this on: it adds an X-Query-Count header.
QUERY_COUNT_HEADER = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
