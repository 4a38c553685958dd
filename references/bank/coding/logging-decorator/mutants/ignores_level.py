# mutant: always logs start and completion at INFO, ignoring the level argument
import functools
import logging
import time


def log_training(logger=None, *, level=logging.INFO, clock=time.perf_counter):
    """Decorator logging start, completion (with duration) and failure of the wrapped function."""
    if callable(logger) and not isinstance(logger, logging.Logger):  # used bare: @log_training
        return log_training()(logger)

    def decorator(func):
        log = logger if logger is not None else logging.getLogger(func.__module__)
        name = func.__name__

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            # %-style arguments: the message is only formatted if a handler wants the record.
            log.info("Starting %s", name)
            started = clock()
            try:
                result = func(*args, **kwargs)
            except Exception as error:
                log.error("Failed %s after %.3fs: %s: %s", name, clock() - started,
                          type(error).__name__, error, exc_info=True)
                raise  # the same object, with its original traceback
            log.info("Completed %s in %.3fs", name, clock() - started)
            return result

        return wrapper

    return decorator
