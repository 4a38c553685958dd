# alternative: a decorator class whose instances wrap the function; logger looked up lazily on each call, exception logged via logger.exception-style exc_info tuple.
import functools
import logging
import sys
import time


class _Logged:
    def __init__(self, func, logger, level, clock):
        functools.update_wrapper(self, func)
        self._func = func
        self._logger = logger
        self._level = level
        self._clock = clock

    def _get_logger(self):
        if self._logger is None:
            return logging.getLogger(self._func.__module__)
        return self._logger

    def __call__(self, *args, **kwargs):
        logger = self._get_logger()
        name = self._func.__name__
        logger.log(self._level, "Starting " + name)
        t0 = self._clock()
        try:
            out = self._func(*args, **kwargs)
        except Exception as err:
            t1 = self._clock()
            logger.error(
                "Failed %s after %.3fs: %s: %s" % (name, t1 - t0, type(err).__name__, err),
                exc_info=sys.exc_info(),
            )
            raise err.with_traceback(err.__traceback__)
        t1 = self._clock()
        logger.log(self._level, "Completed %s in %.3fs" % (name, t1 - t0))
        return out

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return functools.partial(self.__call__, instance)


def log_training(logger=None, *, level=logging.INFO, clock=time.perf_counter):
    """Decorator logging start, completion (with duration) and failure of the wrapped function."""
    if logger is not None and not isinstance(logger, (logging.Logger, logging.LoggerAdapter)) and callable(logger):
        return _Logged(logger, None, level, clock)

    def decorate(func):
        return _Logged(func, logger, level, clock)

    return decorate
