import logging
import time


def log_training(logger=None, *, level=logging.INFO, clock=time.perf_counter):
    """Decorator logging start, completion (with duration) and failure of the wrapped function.

    Messages: "Starting <name>" and "Completed <name> in <s:.3f>s" at `level`;
    "Failed <name> after <s:.3f>s: <Type>: <message>" at ERROR with exc_info, then the same
    exception is re-raised. Usable bare or with arguments; the default logger is
    logging.getLogger(func.__module__). Never adds handlers or changes logger configuration.
    """
    raise NotImplementedError
