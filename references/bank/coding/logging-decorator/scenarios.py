"""Apply the candidate's decorator and capture the log records it emits."""

import logging
import re


class Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.records = []

    def emit(self, record):
        # exc_info=False leaves record.exc_info False (not None): only a real (type, value, tb) counts.
        self.records.append([record.levelname, record.getMessage(), bool(record.exc_info and record.exc_info[0])])


def _capturing_logger(name):
    logger = logging.getLogger(name)
    logger.handlers.clear()
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    capture = Capture()
    logger.addHandler(capture)
    return logger, capture


def run(module, clock, calls, form="logger", level=None):
    """calls: list of [epoch, fail]. form: logger | bare | empty (decorator spelled @log_training())."""
    logger, capture = _capturing_logger("trainer" if form == "logger" else __name__)
    options = {"clock": clock}
    if level is not None:
        options["level"] = getattr(logging, level)

    def train_epoch(epoch, *, fail=False):
        """Train one epoch."""
        clock.advance(1.5)
        if fail:
            raise RuntimeError(f"loss is NaN at epoch {epoch}")
        return {"epoch": epoch, "loss": 0.5}

    if form == "bare":
        decorated = module.log_training(train_epoch)
    elif form == "empty":
        decorated = module.log_training(clock=clock, **({"level": options["level"]} if "level" in options else {}))(train_epoch)
    else:
        decorated = module.log_training(logger, **options)(train_epoch)

    outcomes = []
    for epoch, fail in calls:
        try:
            outcomes.append(decorated(epoch, fail=fail))
        except Exception as error:
            outcomes.append(f"raised {type(error).__name__}: {error}")
    records = capture.records
    if form == "bare":
        # The bare form times with the real clock: observe the format, not the value.
        records = [[lvl, re.sub(r"\d+\.\d{3}s", "<t>s", msg), exc] for lvl, msg, exc in records]
    return {
        "outcomes": outcomes,
        "records": records,
        "handlers": len(logger.handlers),
        "name": decorated.__name__,
        "doc": decorated.__doc__,
    }


def same_exception(module, clock):
    logger, capture = _capturing_logger("trainer")
    original = KeyError("label")

    @module.log_training(logger, clock=clock)
    def load_batch():
        clock.advance(0.25)
        raise original

    try:
        load_batch()
        observed = None
    except BaseException as error:
        observed = {"same_object": error is original, "type": type(error).__name__}
    return {"observed": observed, "records": capture.records}


def many_steps(module, clock, steps):
    logger, capture = _capturing_logger("trainer")

    @module.log_training(logger, level=logging.DEBUG, clock=clock)
    def train_step(step):
        clock.advance(0.125)
        return step

    total = 0
    for step in range(steps):
        total += train_step(step)
    levels = sorted({record[0] for record in capture.records})
    return {"total": total, "records": len(capture.records), "levels": levels,
            "last": capture.records[-1][1], "handlers": len(logger.handlers)}


def method(module, clock, fail):
    logger, capture = _capturing_logger("trainer")

    class Trainer:
        def __init__(self):
            self.seen = []

        @module.log_training(logger, clock=clock)
        def fit(self, data, *, epochs=1):
            clock.advance(0.5 * epochs)
            self.seen.append((len(data), epochs))
            if fail:
                raise ValueError("empty shard")
            return sum(data) * epochs

    trainer = Trainer()
    try:
        outcome = trainer.fit([1, 2, 3], epochs=3)
    except Exception as error:
        outcome = f"raised {type(error).__name__}: {error}"
    return {"outcome": outcome, "seen": trainer.seen, "records": capture.records}


def logger_untouched(module, clock):
    """The application's logger configuration before and after decorating and calling, for each
    way of spelling the decorator: level, handlers, propagate, disabled, and the root logger's
    handlers and level. Decorating must not configure logging."""
    def state(logger):
        root = logging.getLogger()
        return [logger.level, len(logger.handlers), logger.propagate, logger.disabled,
                len(root.handlers), root.level]

    observations = {}
    for form, level in [("logger", None), ("logger", "WARNING"), ("logger", "DEBUG"), ("empty", "ERROR")]:
        name = f"app.{form}.{level}"
        logger = logging.getLogger(name)
        logger.setLevel(logging.CRITICAL if level != "WARNING" else logging.NOTSET)
        before = state(logger)
        options = {"clock": clock}
        if level:
            options["level"] = getattr(logging, level)

        def step(x):
            clock.advance(0.25)
            if x < 0:
                raise ValueError("negative")
            return x

        step.__module__ = name
        decorated = module.log_training(logger, **options)(step) if form == "logger" \
            else module.log_training(**options)(step)
        for x in (1, -1):
            try:
                decorated(x)
            except ValueError:
                pass
        observations[name] = {"before": before, "after": state(logger)}
    return observations


def signature_forms(module, clock):
    """`log_training(logger=None, *, level=..., clock=...)`: the logger may be passed by keyword;
    level and clock are keyword-only (passing them by position is a TypeError)."""
    logger, capture = _capturing_logger("trainer.keywords")
    outcomes = {}

    def step():
        clock.advance(0.5)
        return "done"

    try:
        outcomes["logger_keyword"] = module.log_training(logger=logger, clock=clock)(step)()
    except Exception as exc:
        outcomes["logger_keyword"] = type(exc).__name__
    try:
        module.log_training(logger, logging.DEBUG)
        outcomes["level_positional"] = "accepted"
    except TypeError:
        outcomes["level_positional"] = "TypeError"
    return {"outcomes": outcomes, "records": capture.records}
