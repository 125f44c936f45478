"""Settings for guazhi, read from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    "guazhi.login_lockouts.AxesConfig",
    "csp",
    "guazhi",
    "cadres",
    "assignments",
    "worklog",
    "selection",
    "living",
    "evaluations",
    "oversight",
    # Deletes the file a model marked @cleanup.select no longer points to, after the change commits.
    "django_cleanup.apps.CleanupSelectedConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "guazhi.middleware.ChineseFirstMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "guazhi.middleware.SecurityLogMiddleware",
    "guazhi.middleware.PrivatePagesMiddleware",
    "axes.middleware.AxesMiddleware",
    "guazhi.middleware.PasswordChangeRequiredMiddleware",
]

ROOT_URLCONF = "oversight.urls"

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
                "guazhi.context_processors.roles",
                "guazhi.context_processors.today",
            ],
        },
    },
]

WSGI_APPLICATION = "guazhi.wsgi.application"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers take the database lock when their transaction begins, as row
    # locks serialise them on PostgreSQL; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation pays off on long analytical queries; on ours it costs more than it saves
    # (the county summary's largest query spent 56 ms compiling for a 170 ms run).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 8 * 60 * 60

# Lock a username coming from one address, not the address alone: a whole
# office behind one NAT must not be locked out by one colleague's typos.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "guazhi.middleware.client_ip"
AXES_VERBOSE = False
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
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

# Request bodies: form fields are held in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE (a larger
# body is refused with 400); an uploaded file larger than FILE_UPLOAD_MAX_MEMORY_SIZE goes to a
# temporary file instead of memory. The proxy in front refuses bodies larger than the largest
# upload (README, Deploying: client_max_body_size).
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_SIZE", default=2_621_440)

FILTERS_EMPTY_CHOICE_LABEL = _("All")

# The batch plan proposes no line scoring below this (人岗相适: a poor fit is placed by hand, with a reason).
PLACEMENT_MINIMUM_SCORE = env.float("PLACEMENT_MINIMUM_SCORE", default=3.0)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

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
    },
}

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://" if DEBUG else "smtp://localhost:25")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="guazhi@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The address people open the application at; reminder mails link to it.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Behind a proxy that terminates TLS, opt in to trusting its header.
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# The language choice travels as the session does.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"},
    },
    "filters": {
        "forbidden_logged_once": {"()": "guazhi.middleware.ForbiddenLoggedOnce"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "loggers": {
        "guazhi.security": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
        "django.request": {"filters": ["forbidden_logged_once"]},
    },
}

# Workflow thresholds: the days after which the dashboard and the reminders
# call something neglected. Each is documented in .env.example.
GUAZHI = {
    "WAITING_FOR_POST_DAYS": env.int("GUAZHI_WAITING_FOR_POST_DAYS", default=14),
    "NO_TALK_DAYS": env.int("GUAZHI_NO_TALK_DAYS", default=90),
    "TRAINING_PLAN_DUE_DAYS": env.int("GUAZHI_TRAINING_PLAN_DUE_DAYS", default=30),
    "MENTOR_DUE_DAYS": env.int("GUAZHI_MENTOR_DUE_DAYS", default=30),
    # Housing (生活保障) is due this many days after reporting; past it the cadre is 生活未落实.
    "HOUSING_DUE_DAYS": env.int("GUAZHI_HOUSING_DUE_DAYS", default=7),
    "TERM_ENDING_SOON_DAYS": env.list("GUAZHI_TERM_ENDING_SOON_DAYS", cast=int, default=[90, 30]),
    "REVIEW_OFFERED_DAYS": env.int("GUAZHI_REVIEW_OFFERED_DAYS", default=90),
    "LEAVE_UNIT_MAX_DAYS": env.int("GUAZHI_LEAVE_UNIT_MAX_DAYS", default=3),
    "LEAVE_COUNTY_MAX_DAYS": env.int("GUAZHI_LEAVE_COUNTY_MAX_DAYS", default=7),
    # The role-deviation radar (角色偏离, worklog/radar.py): the day of the month by which last month's
    # work record is due; days in a post before it must carry 分管工作 and a project led or carried;
    # days a monthly record may wait for the receiving unit's comment; the share of the days in the
    # county spent on leave that marks a cadre away too often, judged after the first days.
    "WORKLOG_DUE_DAY": env.int("GUAZHI_WORKLOG_DUE_DAY", default=10),
    "NOMINAL_POST_DAYS": env.int("GUAZHI_NOMINAL_POST_DAYS", default=60),
    "RECORD_REVIEW_DAYS": env.int("GUAZHI_RECORD_REVIEW_DAYS", default=30),
    "AWAY_SHARE": env.float("GUAZHI_AWAY_SHARE", default=0.2),
    "AWAY_MIN_DAYS": env.int("GUAZHI_AWAY_MIN_DAYS", default=30),
    "EXCELLENT_SHARE_WARNING": env.float("GUAZHI_EXCELLENT_SHARE_WARNING", default=0.2),
    # A routine (平时) round warns when more than this share of its confirmed grades are 好.
    "GOOD_SHARE_WARNING": env.float("GUAZHI_GOOD_SHARE_WARNING", default=0.4),
    # Whether the sending unit's liaisons read what was said in talks held by others (thinking, work,
    # living, what was done, follow-up); off, they see the kind, date and who talked.
    "LIAISONS_READ_TALK_NOTES": env.bool("GUAZHI_LIAISONS_READ_TALK_NOTES", default=False),
    # Whether a cadre signed in with their own login reads what others noted in the talks held with
    # them; off, they see the kind, date and who talked.
    "CADRES_READ_TALK_NOTES": env.bool("GUAZHI_CADRES_READ_TALK_NOTES", default=False),
    # A feedback letter (反馈函) the sending unit has not confirmed this many days after it was sent is watched.
    "FEEDBACK_RECEIPT_DAYS": env.int("GUAZHI_FEEDBACK_RECEIPT_DAYS", default=15),
    # A seat reserved for an accepted nominee is held this many days past the term start; a cadre
    # who has not reported by then loses it (staff may choose another day when accepting).
    "RESERVATION_GRACE_DAYS": env.int("GUAZHI_RESERVATION_GRACE_DAYS", default=30),
    "REMINDER_REPEAT_DAYS": env.int("GUAZHI_REMINDER_REPEAT_DAYS", default=7),
    "IMPORT_MAX_BYTES": env.int("GUAZHI_IMPORT_MAX_BYTES", default=10 * 1024 * 1024),
    "IMPORT_MAX_ROWS": env.int("GUAZHI_IMPORT_MAX_ROWS", default=20000),
    "UPLOAD_MAX_BYTES": env.int("GUAZHI_UPLOAD_MAX_BYTES", default=10 * 1024 * 1024),
    # Zip-based uploads (.xlsx, .ods, .docx): measured while decompressing, before any parser reads them.
    "UNZIP_MAX_MEMBERS": env.int("GUAZHI_UNZIP_MAX_MEMBERS", default=1000),
    "UNZIP_MAX_MEMBER_BYTES": env.int("GUAZHI_UNZIP_MAX_MEMBER_BYTES", default=50 * 1024 * 1024),
    "UNZIP_MAX_BYTES": env.int("GUAZHI_UNZIP_MAX_BYTES", default=50 * 1024 * 1024),
    "UNZIP_MAX_RATIO": env.int("GUAZHI_UNZIP_MAX_RATIO", default=100),
    # Caps on an uploaded workbook's sheets (.xlsx, .ods, .xls), checked before a reader opens it.
    "IMPORT_MAX_CELLS_PER_ROW": env.int("GUAZHI_IMPORT_MAX_CELLS_PER_ROW", default=200),
    "IMPORT_MAX_CELLS": env.int("GUAZHI_IMPORT_MAX_CELLS", default=2_000_000),
    "IMPORT_MAX_CELL_CHARS": env.int("GUAZHI_IMPORT_MAX_CELL_CHARS", default=32767),
    "IMPORT_MAX_SHARED_STRINGS": env.int("GUAZHI_IMPORT_MAX_SHARED_STRINGS", default=500_000),
    # Characters in all the cells of a sheet, each shared or repeated text counted where it shows.
    "IMPORT_MAX_CHARS": env.int("GUAZHI_IMPORT_MAX_CHARS", default=20_000_000),
    # Pixels an attached image may decode to.
    "UPLOAD_MAX_PIXELS": env.int("GUAZHI_UPLOAD_MAX_PIXELS", default=50_000_000),
    # A cadre's photograph (uploaded, or inside a .lrmx file) and the .lrmx file itself.
    "PHOTO_MAX_BYTES": env.int("GUAZHI_PHOTO_MAX_BYTES", default=2 * 1024 * 1024),
    "PHOTO_MAX_PIXELS": env.int("GUAZHI_PHOTO_MAX_PIXELS", default=20_000_000),
    "LRMX_MAX_BYTES": env.int("GUAZHI_LRMX_MAX_BYTES", default=5 * 1024 * 1024),
}

SITE_TITLE = _("Seconded cadre management")
