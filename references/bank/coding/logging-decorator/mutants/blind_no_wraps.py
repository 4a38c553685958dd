# mutant: The wrapper does not copy __name__/__doc__ from the wrapped function.
import functools
import logging
import time


def log_training(logger=None, *, level=logging.INFO, clock=time.perf_counter):
    """Decorator logging start, completion (with duration) and failure of the wrapped function."""

    def decorate(func):
        log = logger if logger is not None else logging.getLogger(func.__module__)
        name = func.__name__

        def wrapper(*args, **kwargs):
            log.log(level, f"Starting {name}")
            start = clock()
            try:
                result = func(*args, **kwargs)
            except Exception as exc:
                elapsed = clock() - start
                log.log(
                    logging.ERROR,
                    f"Failed {name} after {elapsed:.3f}s: {type(exc).__name__}: {exc}",
                    exc_info=True,
                )
                raise
            elapsed = clock() - start
            log.log(level, f"Completed {name} in {elapsed:.3f}s")
            return result

        return wrapper

    if callable(logger) and not isinstance(logger, (logging.Logger, logging.LoggerAdapter)):
        func, logger = logger, None
        return decorate(func)
    return decorate
