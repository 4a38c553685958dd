# alternative: exception state stored via Exception.__init__ plus explicit attributes; safe_predict iterates a bounded range of attempt numbers and builds the result with a helper.


class PredictionError(Exception):
    """Base of expected prediction failures. code/retryable are class attributes."""

    code = "prediction_error"
    retryable = False

    def __init__(self, message, *, model_name=None, details=None):
        Exception.__init__(self, message)
        self.message = message
        self.model_name = model_name
        self.details = details

    def __str__(self):
        return "%s" % (self.message,)

    def to_dict(self):
        """Return {"code", "message", "retryable", "model_name", "details"}."""
        return dict(
            code=self.code,
            message=self.message,
            retryable=self.retryable,
            model_name=self.model_name,
            details=self.details,
        )


class InvalidInputError(PredictionError, ValueError):  # also a ValueError; code "invalid_input", not retryable
    code = "invalid_input"


class ModelTimeoutError(PredictionError, TimeoutError):  # also a TimeoutError; code "timeout", retryable
    code = "timeout"
    retryable = True


class ModelUnavailableError(PredictionError):  # code "model_unavailable", retryable
    code = "model_unavailable"
    retryable = True


def _response(ok, prediction, attempts, error, fallback_used):
    return {
        "ok": ok,
        "prediction": prediction,
        "attempts": attempts,
        "error": error,
        "fallback_used": fallback_used,
    }


def safe_predict(predict, features, *, retries=0, fallback=None):
    """Call predict(features), retrying retryable PredictionErrors up to `retries` extra times."""
    if type(retries) is not int or retries < 0:
        if not (isinstance(retries, int) and not isinstance(retries, bool) and retries >= 0):
            raise ValueError("retries must be a non-negative int, got %r" % (retries,))
    last_error = None
    attempt = 0
    for attempt in range(1, retries + 2):
        try:
            return _response(True, predict(features), attempt, None, False)
        except PredictionError as err:
            last_error = err
            if not err.retryable:
                break
    if fallback is None:
        return _response(False, None, attempt, last_error.to_dict(), False)
    return _response(False, fallback(features), attempt, last_error.to_dict(), True)
