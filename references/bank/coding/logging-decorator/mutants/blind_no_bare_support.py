# mutant: Bare @log_training is not supported: the function is taken as the logger and the decorator returns a closure instead of the wrapped function.
import functools
import logging
import time


def log_training(logger=None, *, level=logging.INFO, clock=time.perf_counter):
    """Decorator logging start, completion (with duration) and failure of the wrapped function."""

    def decorate(func):
        log = logger if logger is not None else logging.getLogger(func.__module__)
        name = func.__name__

        @functools.wraps(func)
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

    return decorate
