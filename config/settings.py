"""Onsite's settings, all read from the environment.

One module for every place Onsite runs: `make run` and the tests use the embedded defaults
(SQLite under .data/, a local Redis), production sets variables (see docker-compose.yml and
README.md). Secrets also accept a ``<NAME>_FILE`` variant. A malformed value stops start-up
with a message naming the variable.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from kombu import Exchange, Queue

from config.env import env_bool, env_choice, env_int, env_list, env_secret, env_str
from config.logs import configure_structlog, logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = BASE_DIR / ".data"

# --- Core -------------------------------------------------------------------------------

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_secret("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY (or SECRET_KEY_FILE, a file holding it) "
            "to a long random string, or set DEBUG=True for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only-never-use-this-key-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS is not set. Set ALLOWED_HOSTS to the comma-separated host names "
        "Onsite is served under (e.g. onsite.example.com)."
    )
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "daphne",  # first: its runserver serves ASGI (WebSockets)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "channels",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_ace",
    "template_partials",
    "axes",
    "django_prometheus",
    "references",
    "grader",
    "interviews",
]

MIDDLEWARE = [
    "django_prometheus.middleware.PrometheusBeforeMiddleware",  # first: times the whole request
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "config.logs.RequestContextMiddleware",  # after auth: binds request, user, interview ids for logs
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last of ours, as django-axes requires
    "django_prometheus.middleware.PrometheusAfterMiddleware",  # latency by view
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,  # template_partials replaces this with its own loaders
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------

DATABASE_URL = env_secret("DATABASE_URL")
if not DATABASE_URL:
    DATA_DIR.mkdir(exist_ok=True)
    DATABASE_URL = f"sqlite:///{DATA_DIR / 'db.sqlite3'}"
try:
    _database = dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0, minimum=0),
        conn_health_checks=True,
    )
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL ({error})") from None

if _database["ENGINE"] == "django.db.backends.sqlite3" and _database["NAME"] != ":memory:":
    # Several processes (web, worker, tests' subprocesses) share one file: wait for locks
    # instead of failing, let readers run beside the writer, and take the write lock up front.
    _database["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    # A file, not memory, so that a worker or server started by a test can open it.
    # pytest-django appends the xdist worker id (test-db_gw0, test-db_gw1, ...).
    _database["TEST"] = {"NAME": str(DATA_DIR / "test-db")}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery broker and the Channels layer ----------------------------------------

REDIS_URL = env_secret("REDIS_URL", "redis://127.0.0.1:6379/0")
if urlsplit(REDIS_URL).scheme not in {"redis", "rediss", "unix"}:
    raise ImproperlyConfigured(f"REDIS_URL must start with redis://, rediss:// or unix://, got {REDIS_URL!r}")



def channel_layers(redis_url: str) -> dict:
    """The channel layer on `redis_url` (tests point it at their own Redis with this too).

    redis-py >= 8 defaults to a 5 s socket timeout, which is also how long channels-redis
    blocks in BZPOPMIN waiting for a message: every consumer idle for 5 s would die with
    "Timeout reading from ...". The socket timeout must exceed that wait.
    """
    return {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [{"address": redis_url, "socket_timeout": 30}]},
        },
    }


CHANNEL_LAYERS = channel_layers(REDIS_URL)

# --- Celery (read by config/celery.py through the CELERY_ namespace) --------------------

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_RESULT_EXPIRES = timedelta(hours=1)
CELERY_TASK_IGNORE_RESULT = True  # results live in our database; a task opts in when a caller waits
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Never lose a task: acknowledge after it ran, requeue if the worker died, take one at a time.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 300, minimum=1)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 360, minimum=1)
CELERY_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1)
if not CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < CELERY_VISIBILITY_TIMEOUT:
    raise ImproperlyConfigured(
        "Celery limits must grow: CELERY_TASK_SOFT_TIME_LIMIT < CELERY_TASK_TIME_LIMIT < "
        f"CELERY_VISIBILITY_TIMEOUT, got {CELERY_TASK_SOFT_TIME_LIMIT} < {CELERY_TASK_TIME_LIMIT} "
        f"< {CELERY_VISIBILITY_TIMEOUT}"
    )
# A task not acknowledged within visibility_timeout is delivered again; it must exceed the
# longest task. Deadlines live in the database (swept), never as far-future ETAs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# "run" (sample cases, someone is waiting) and "submit" (all cases) are separate queues so a
# burst of final grading never delays a Run. Callers choose per call with apply_async(queue=...).
CELERY_TASK_DEFAULT_QUEUE = "submit"
CELERY_TASK_QUEUES = [Queue(name, Exchange(name), routing_key=name) for name in ("run", "submit")]
CELERY_TASK_ROUTES = {"grader.tasks.*": {"queue": "submit"}, "interviews.tasks.*": {"queue": "run"}}
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# --- Sandbox ----------------------------------------------------------------------------

# "auto": the Docker engine when it answers and the image exists, else the process backend
# with a loud warning (never in production unless SANDBOX_ALLOW_PROCESS_IN_PRODUCTION).
SANDBOX_BACKEND = env_choice("SANDBOX_BACKEND", "auto", ("auto", "docker", "process"))
SANDBOX_POOL_SIZE = env_int("SANDBOX_POOL_SIZE", 2, minimum=0)
# The sandbox image; empty means the tag `python -m sandbox.imagebuild ensure` builds (a hash
# of sandbox/image/). docker-compose.yml sets it to the image its `sandbox-image` service builds.
SANDBOX_IMAGE = env_str("SANDBOX_IMAGE", "")
SANDBOX_ALLOW_PROCESS_IN_PRODUCTION = env_bool("SANDBOX_ALLOW_PROCESS_IN_PRODUCTION", False)

# --- Grading and interviews -------------------------------------------------------------

# Seconds after an interview's deadline during which writes already in flight are accepted.
INTERVIEW_GRACE_SECONDS = env_int("INTERVIEW_GRACE_SECONDS", 10, minimum=0)
# A queued submission older than this is sent again (its message was lost: broker down).
GRADER_REQUEUE_AFTER_SECONDS = env_int("GRADER_REQUEUE_AFTER_SECONDS", 60, minimum=1)
# A running submission older than this is taken over or failed visibly.
GRADER_STUCK_AFTER_SECONDS = env_int("GRADER_STUCK_AFTER_SECONDS", 420, minimum=1)
SWEEP_EVERY_SECONDS = env_int("SWEEP_EVERY_SECONDS", 10, minimum=1)
CELERY_BEAT_SCHEDULE = {
    "sweep-submissions": {"task": "grader.tasks.sweep", "schedule": SWEEP_EVERY_SECONDS,
                          "options": {"queue": "run", "expires": SWEEP_EVERY_SECONDS}},
    "expire-interviews": {"task": "interviews.tasks.expire", "schedule": SWEEP_EVERY_SECONDS,
                          "options": {"queue": "run", "expires": SWEEP_EVERY_SECONDS}},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")

# --- Accounts ---------------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses locked-out credentials
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "landing"

# Lock out a username from one address after repeated failures, for a while (not forever).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    # No mail server configured: password-reset mails are printed on the web process's console.
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Onsite <onsite@localhost>")

# --- HTTPS and cookies (on unless DEBUG; each can be turned off behind a TLS proxy) -----

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$", r"^metrics$"]
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    # Only behind a proxy that sets X-Forwarded-Proto itself and strips it from clients.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
X_FRAME_OPTIONS = "DENY"

# --- Static files: served by WhiteNoise from our own files, never a CDN -------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG  # serve straight from the apps' folders, no collectstatic
WHITENOISE_AUTOREFRESH = DEBUG

# --- API --------------------------------------------------------------------------------

# Quotas of the API (DRF scoped throttles), "<count>/<second|minute|hour|day>" per user.
# They are quotas against runaway scripts, not a security measure.
def _throttle_rate(name: str, default: str) -> str:
    rate = env_str(name, default)
    count, _, period = rate.partition("/")
    if not count.isdigit() or period[:1] not in {"s", "m", "h", "d"}:
        raise ImproperlyConfigured(f"{name} must look like 30/minute (count/second|minute|hour|day), got {rate!r}")
    return rate


API_THROTTLE_RATES = {
    "interview_start": _throttle_rate("API_THROTTLE_INTERVIEW_START", "10/hour"),
    "submission": _throttle_rate("API_THROTTLE_SUBMISSIONS", "30/minute"),
}
# Throttle counters must be shared by every web process: Redis, not per-process memory.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "onsite-throttle",
    },
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # Token first: an anonymous request then gets 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_THROTTLE_RATES": API_THROTTLE_RATES,
    "DEFAULT_METADATA_CLASS": None,  # OPTIONS answers 405: the schema at /api/schema/ describes everything
    "EXCEPTION_HANDLER": "interviews.api.errors.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Onsite API",
    "DESCRIPTION": (
        "Mock interviews for AI-infrastructure engineers: everything the browser does. "
        "Authenticate with a token (`Authorization: Token <key>`, created at /account/tokens/) "
        "or with the browser session (send the CSRF token in `X-CSRFToken` on writes). "
        'Every 4xx answer has the same shape: `{"error": {"status", "code", "message", "fields"}}`.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # The "id" path converter of interviews/api/urls.py: 1 to 18 digits.
    "PATH_CONVERTER_OVERRIDES": {"id": {"type": "integer", "minimum": 0, "maximum": 10**18 - 1}},
    "ENUM_NAME_OVERRIDES": {
        "VerdictEnum": "grader.models.Verdict",
        "SubmissionStatusEnum": "grader.models.Status",
        "InterviewStatusEnum": "interviews.models.InterviewStatus",
    },
}

# --- Written answers --------------------------------------------------------------------
# ANSWER_GRADER=embedded (default) grades with the pure-Python graders; =llm asks an
# OpenAI-compatible chat-completions server (vLLM, Ollama, llama.cpp) for per-point verdicts and
# falls back to the embedded grader, visibly, on timeouts and errors (docs/GRADING.md).
ANSWER_GRADER = env_choice("ANSWER_GRADER", "embedded", ("embedded", "llm"))
ANSWER_GRADER_LLM_URL = env_str("ANSWER_GRADER_LLM_URL")
ANSWER_GRADER_LLM_MODEL = env_str("ANSWER_GRADER_LLM_MODEL")
ANSWER_GRADER_LLM_API_KEY = env_secret("ANSWER_GRADER_LLM_API_KEY")
ANSWER_GRADER_LLM_TIMEOUT = env_int("ANSWER_GRADER_LLM_TIMEOUT", 30, minimum=1)
if ANSWER_GRADER == "llm" and not (ANSWER_GRADER_LLM_URL and ANSWER_GRADER_LLM_MODEL):
    raise ImproperlyConfigured("ANSWER_GRADER=llm needs ANSWER_GRADER_LLM_URL and ANSWER_GRADER_LLM_MODEL")

# --- Locale and logging -----------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# JSON lines (one object per line, with request/user/interview/submission ids) in production;
# readable key=value lines for `make run` (DEBUG). See config/logs.py.
LOG_FORMAT = env_choice("LOG_FORMAT", "plain" if DEBUG else "json", ("json", "plain"))
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper() or "INFO"
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise ImproperlyConfigured(f"LOG_LEVEL must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL, got {LOG_LEVEL!r}")
LOGGING = logging_config(fmt=LOG_FORMAT, level=LOG_LEVEL)
configure_structlog()

# --- Metrics ----------------------------------------------------------------------------

# /metrics answers staff, or a scraper sending "Authorization: Bearer <METRICS_TOKEN>".
METRICS_TOKEN = env_secret("METRICS_TOKEN")
if METRICS_TOKEN and len(METRICS_TOKEN) < 16:
    raise ImproperlyConfigured("METRICS_TOKEN must be at least 16 characters (a long random string)")
PROMETHEUS_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, float("inf"))
