"""Logging wiring: JSON or plain lines, request ids carried from the web request into tasks.

- ``logging_config(fmt=..., level=...)`` is settings.LOGGING: every record (ours, Django's,
  Celery's) goes through structlog's ``ProcessorFormatter``, one JSON object per line with
  ``LOG_FORMAT=json`` (the default without DEBUG), ``key=value`` text with ``plain``. The ids
  bound in the current context (``request_id``, ``user_id``, ``interview_id``,
  ``submission_id``, ``task``, ``task_id``) are added to every line.
- ``RequestContextMiddleware`` binds them for a web request (``X-Request-ID`` is honoured when
  it looks like an id, else one is made) and logs one line per request.
- ``connect_celery_signals()`` (called by config/celery.py) copies those ids into the headers
  of every task a request sends, binds them again in the worker around the task, and lets
  Django's LOGGING stand in the worker instead of Celery's own set-up.
- ``QuietIdleBeatTasks`` puts the lines periodic tasks cause at DEBUG (sent by beat, received,
  succeeded with nothing found): an idle service prints nothing at INFO.
"""

from __future__ import annotations

import inspect
import logging
import re
import time
import uuid
from collections.abc import Callable
from functools import lru_cache

import structlog

CONTEXT_KEYS = ("request_id", "user_id", "interview_id", "submission_id")
HEADER_PREFIX = "onsite_"
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")
# Probes every few seconds: their request lines are DEBUG, like idle beat tasks.
QUIET_PATHS = ("/healthz/", "/readyz/", "/metrics")

# Periodic tasks and the counts in their result that mean "something was done". The
# "refreshed" scores of `expire` are routine bookkeeping, not news.
PERIODIC_TASK_WORK = {
    "grader.tasks.sweep": ("requeued", "stuck"),
    "interviews.tasks.expire": ("expired",),
}

_shared_processors: list = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
]


def logging_config(*, fmt: str, level: str) -> dict:
    """settings.LOGGING: `fmt` is "json" or "plain"."""
    if fmt == "json":
        renderer = [structlog.processors.format_exc_info, structlog.processors.JSONRenderer()]
    else:
        renderer = [structlog.dev.ConsoleRenderer(colors=False)]
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "foreign_pre_chain": _shared_processors,
                "processors": [structlog.stdlib.ProcessorFormatter.remove_processors_meta, *renderer],
            },
        },
        "filters": {"quiet_idle_beat_tasks": {"()": QuietIdleBeatTasks}},
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": "structured",
                        "filters": ["quiet_idle_beat_tasks"]},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Replace Django's own console handlers (DEBUG) so nothing is printed twice.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            "django.server": {"handlers": ["console"], "level": level, "propagate": False},
            "django.db.backends": {"level": "INFO"},
            "axes": {"level": "WARNING"},  # its start-up banner on every process is noise
        },
    }


def configure_structlog() -> None:
    """structlog loggers hand their events to the standard logging handlers above."""
    structlog.configure(
        processors=[*_shared_processors, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


# --- Idle periodic tasks -----------------------------------------------------------------------


def _idle_result(task: str, result: object) -> bool:
    keys = PERIODIC_TASK_WORK.get(task, ())
    return isinstance(result, dict) and not any(result.get(key) for key in keys)


class QuietIdleBeatTasks(logging.Filter):
    """Demote to DEBUG the INFO lines of periodic tasks that found nothing to do.

    Celery logs three INFO lines per periodic task run (beat: "Sending due task", worker:
    "received" and "succeeded"), six every 10 s for our two sweeps. "Sending" and "received"
    say nothing; "succeeded" stays INFO only when the result reports work done.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not record.name.startswith("celery."):
            return True
        idle = False
        if record.name == "celery.beat" and isinstance(record.args, tuple) and len(record.args) == 2:
            idle = record.args[1] in PERIODIC_TASK_WORK
        elif isinstance(record.args, dict) and record.args.get("name") in PERIODIC_TASK_WORK:
            if record.name == "celery.worker.strategy":
                idle = True
            elif record.name == "celery.app.trace" and "return_value" in record.args:
                # Celery passes the result as a saferepr string; parse the dict back safely.
                idle = _idle_result(record.args["name"], _literal(record.args["return_value"]))
        if not idle:
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger(record.name).isEnabledFor(logging.DEBUG)


def _literal(text: object) -> object:
    import ast

    if not isinstance(text, str):
        return text
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return None


# --- The web request ---------------------------------------------------------------------------


def _request_id(request) -> str:
    offered = request.headers.get("X-Request-ID", "")
    return offered if _REQUEST_ID.match(offered) else uuid.uuid4().hex


class RequestContextMiddleware:
    """Bind request_id, user_id, interview_id and submission_id for everything the request logs
    (and every task it sends), answer with ``X-Request-ID``, and log one line per request.

    Place it after AuthenticationMiddleware (it reads request.user).
    """

    logger = structlog.get_logger("onsite.request")

    def __init__(self, get_response: Callable) -> None:
        self.get_response = get_response

    def __call__(self, request):
        structlog.contextvars.clear_contextvars()
        request_id = _request_id(request)
        structlog.contextvars.bind_contextvars(request_id=request_id)
        started = time.perf_counter()
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            structlog.contextvars.bind_contextvars(user_id=user.pk)
        quiet = request.path.startswith(QUIET_PATHS)
        (self.logger.debug if quiet else self.logger.info)(
            "request", method=request.method, path=request.path, status=response.status_code,
            duration_ms=round((time.perf_counter() - started) * 1000, 1),
        )
        response["X-Request-ID"] = request_id
        structlog.contextvars.clear_contextvars()
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        ids = {key: view_kwargs[key] for key in ("interview_id", "submission_id") if key in view_kwargs}
        if user is not None and user.is_authenticated:
            ids["user_id"] = user.pk
        structlog.contextvars.bind_contextvars(**ids)
        return None


# --- Celery tasks ------------------------------------------------------------------------------


@lru_cache(maxsize=256)
def _signature(task_name: str):
    from celery import current_app

    task = current_app.tasks.get(task_name)
    try:
        return inspect.signature(task.run) if task is not None else None
    except (TypeError, ValueError):
        return None


def _ids_in_arguments(task_name: str, args, kwargs) -> dict:
    """interview_id / submission_id when the task takes them as parameters."""
    signature = _signature(task_name)
    if signature is None:
        return {}
    try:
        bound = signature.bind_partial(*(args or ()), **(kwargs or {})).arguments
    except TypeError:
        return {}
    return {key: bound[key] for key in ("interview_id", "submission_id") if key in bound}


def _before_publish(sender=None, headers=None, body=None, **_) -> None:
    """Copy the current ids into the message's headers (the request's, or the task's on retry)."""
    if headers is None:
        return
    if isinstance(body, (list, tuple)) and len(body) >= 2 and sender:
        # The request that sends a grading task now knows its submission: say it on its own line too.
        structlog.contextvars.bind_contextvars(**_ids_in_arguments(sender, body[0], body[1]))
    context = structlog.contextvars.get_contextvars()
    for key in CONTEXT_KEYS:
        if context.get(key) is not None:
            headers.setdefault(HEADER_PREFIX + key, context[key])


def _task_started(sender=None, task_id=None, task=None, args=None, kwargs=None, **_) -> None:
    structlog.contextvars.clear_contextvars()
    task = task or sender
    request = getattr(task, "request", None)
    ids = {}
    for key in CONTEXT_KEYS:
        value = request.get(HEADER_PREFIX + key) if request is not None else None
        if value is not None:
            ids[key] = value
    ids.update(_ids_in_arguments(task.name, args, kwargs))
    structlog.contextvars.bind_contextvars(task=task.name, task_id=task_id, **ids)


def _task_finished(**_) -> None:
    structlog.contextvars.clear_contextvars()


def _use_django_logging(**_) -> None:
    """Celery's setup_logging: keep settings.LOGGING (JSON or plain) instead of Celery's format."""
    import logging.config

    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


def connect_celery_signals() -> None:
    from celery import signals

    signals.setup_logging.connect(_use_django_logging, weak=False)
    signals.before_task_publish.connect(_before_publish, weak=False)
    signals.task_prerun.connect(_task_started, weak=False)
    signals.task_postrun.connect(_task_finished, weak=False)
