"""Headway's only settings module: everything that varies comes from the environment.

Development defaults are safe to run on a laptop (SQLite under ``data/``, DEBUG on); production
refuses to start without a real ``SECRET_KEY``.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str) -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}")


def envint(name: str, default: str) -> int:
    value = os.environ.get(name, default)
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", "true")

_DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET_KEY):
    raise ImproperlyConfigured("SECRET_KEY must be set to a real secret when DEBUG is false")

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")

DATA_DIR = Path(os.environ.get("HEADWAY_DATA_DIR", BASE_DIR / "data"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_filters",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "headway.core",
    "headway.accounts",
    "headway.jobs",
    "headway.plans",
    "headway.risks",
    "headway.inspections",
    "headway.indicators",
    "headway.progress",
    "headway.reports",
    "headway.spreadsheets",
    "headway.api",
    "headway.reminders",
    "headway.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "headway.core.middleware.IdleSessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "headway.core.middleware.DatabaseBusyMiddleware",
    # Last, so that a locked-out sign-in is answered after authentication ran.
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "headway.core.context_processors.organisation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'headway.sqlite3'}"),
        # Production keeps connections between requests: opening one to PostgreSQL costs more
        # than serving a small page.
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers carry on while an owner's update is written.
    # A write waits this long for another's transaction (an upload being applied) to finish.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL;",
            "timeout": envint("SQLITE_BUSY_SECONDS", "20"),
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# What Headway caches (pages, the plan page's sections, the summary API's JSON) is keyed by the
# content stamp (headway/core/changes.py), so a change anywhere makes new keys everywhere and no
# process needs telling. With REDIS_URL every worker and server shares one cache (and reads
# sessions through it); a Redis that stops answering means pages are computed, never an error
# (headway/core/cache.py). Without it, each process keeps what it uses in memory, in front of
# files in DATA_DIR/cache that every process of the server shares and that outlive restarts.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "headway.core.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("HEADWAY_CACHE_PREFIX", "headway"),
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "headway.core.cache.ProcessAndFileCache",
            "LOCATION": str(DATA_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": envint("HEADWAY_CACHE_ENTRIES", "2000")},
        }
    }
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    # Django's ModelBackend, reading the signed-in user without compiling a queryset each request.
    # (Sessions signed in under ModelBackend's name end, as an idle session would.)
    "headway.accounts.backends.UserBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Sign-in throttling: five failures lock the username+address pair for a quarter of an hour.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# How many proxies stand in front of Headway, each appending to X-Forwarded-For. 0: none, the
# connecting address is the client's. The client is the Nth address from the right: anything
# further left was written by the client itself (headway.accounts.client_address).
HEADWAY_TRUSTED_PROXIES = envint("HEADWAY_TRUSTED_PROXIES", "0")
if HEADWAY_TRUSTED_PROXIES < 0:
    raise ImproperlyConfigured("HEADWAY_TRUSTED_PROXIES must be 0 or more")
AXES_CLIENT_IP_CALLABLE = "headway.accounts.client_address.client_address"
# The same GOV.UK page (429) for every locked-out sign-in, known username or not.
AXES_LOCKOUT_CALLABLE = "headway.accounts.views.lockout_response"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "build" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static", BASE_DIR / "build" / "frontend"]
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Headway's own settings.
HEADWAY_ORGANISATION_NAME = os.environ.get("HEADWAY_ORGANISATION_NAME", "Example Borough Council")
HEADWAY_EVIDENCE_MAX_BYTES = envint("HEADWAY_EVIDENCE_MAX_BYTES", str(10 * 1024 * 1024))
HEADWAY_SPREADSHEET_MAX_BYTES = envint("HEADWAY_SPREADSHEET_MAX_BYTES", str(20 * 1024 * 1024))
# A council's own Word template for its reports (docs/reports.md): at most this size.
HEADWAY_REPORT_TEMPLATE_MAX_BYTES = 5 * 1024 * 1024
# How far an uploaded spreadsheet may unpack, and how many rows a plan import may have: checked
# from the zip directory and a streamed count before any row is read (docs/spreadsheets.md).
# An update sheet's limits follow from its plan's actions and milestones, under these.
HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES = envint(
    "HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES", str(200 * 1024 * 1024)
)
HEADWAY_IMPORT_MAX_ROWS = envint("HEADWAY_IMPORT_MAX_ROWS", "20000")
if HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES < 1024 * 1024 or HEADWAY_IMPORT_MAX_ROWS < 1:
    raise ImproperlyConfigured(
        "HEADWAY_SPREADSHEET_MAX_UNPACKED_BYTES must be at least 1048576 (1 MiB) and "
        "HEADWAY_IMPORT_MAX_ROWS at least 1"
    )
HEADWAY_PUBLIC_REPORTS = envbool("HEADWAY_PUBLIC_REPORTS", "false")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Headway API",
    "DESCRIPTION": "Plans, actions, progress updates and summaries of improvement plans.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
}

# Any case is accepted (gunicorn lower-cases it anyway); anything else stops Headway here rather
# than as a traceback from logging.config in every command.
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").strip().upper()
if LOG_LEVEL not in LOG_LEVELS:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be one of {', '.join(LOG_LEVELS)} (in any case), "
        f"not {os.environ['LOG_LEVEL']!r}"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"axes": {"level": "WARNING"}},
}


# ---------------------------------------------------------------------------------------------
# Production and security. Safe for a laptop when DEBUG is on; strict when it is off, so that
# `manage.py check --deploy --fail-level WARNING` passes. docs/configuration.md explains each.
# ---------------------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "false" if DEBUG else "true")
# Monitoring probes the health check over plain HTTP on the loopback address.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Only behind a proxy that sets this header itself, e.g. "HTTP_X_FORWARDED_PROTO,https".
_proxy_ssl_header = envlist("SECURE_PROXY_SSL_HEADER", "")
if _proxy_ssl_header and len(_proxy_ssl_header) != 2:
    raise ImproperlyConfigured("SECURE_PROXY_SSL_HEADER must be 'HEADER_NAME,value'")
SECURE_PROXY_SSL_HEADER = tuple(_proxy_ssl_header) if _proxy_ssl_header else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "false")
if not SECURE_HSTS_PRELOAD:
    # Preloading is a commitment for the council's whole domain: its choice, not a default.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("SECURE_COOKIES", "false" if DEBUG else "true")
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")
# Idle expiry: requests push the expiry on, so a session ends after this much inactivity. The
# session is written at most once a minute for that (IdleSessionMiddleware), not on every request.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", "60") * 60
SESSION_SAVE_EVERY_REQUEST = False
# Database sessions whose once-a-minute idle refresh never fails a page (headway/core/sessions.py),
# read through the cache when it is shared (Redis); a per-process cache would let one worker
# keep a session another has ended.
SESSION_ENGINE = "headway.core.sessions_cached" if REDIS_URL else "headway.core.sessions"
HEADWAY_SESSION_REFRESH_SECONDS = min(60, SESSION_COOKIE_AGE // 2)

# No inline script or style anywhere: GOV.UK Frontend starts from a static module file.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Logs: plain lines for people, or one JSON object a line for a log collector.
if os.environ.get("LOG_FORMAT", "plain") == "json":
    LOGGING["formatters"]["json"] = {"()": "headway.core.jsonlog.JsonFormatter"}
    LOGGING["handlers"]["console"]["formatter"] = "json"
elif os.environ.get("LOG_FORMAT", "plain") != "plain":
    raise ImproperlyConfigured("LOG_FORMAT must be plain or json")

# Background work: tasks are rows in the database, run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A background job that has reported nothing for this long is shown as stopped (its worker died;
# its writes, made in one transaction, were rolled back).
HEADWAY_JOB_STALLED_SECONDS = envint("HEADWAY_JOB_STALLED_SECONDS", "600")
# A plan with more actions than this is exported by the background worker, not in the request.
HEADWAY_EXPORT_IN_BACKGROUND_ACTIONS = envint("HEADWAY_EXPORT_IN_BACKGROUND_ACTIONS", "2000")

# E-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
EMAIL_TIMEOUT = envint("EMAIL_TIMEOUT", "30")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "headway@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Reminders: links in e-mails start with this address; owners are reminded this many days
# before a round's deadline, and again the day after it.
HEADWAY_BASE_URL = os.environ.get("HEADWAY_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
HEADWAY_REMINDER_DAYS_BEFORE = envint("HEADWAY_REMINDER_DAYS_BEFORE", "3")
