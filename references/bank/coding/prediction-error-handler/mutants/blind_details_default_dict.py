# mutant: details=None is stored as {} (details or {}), so to_dict() reports {} instead of None.


class PredictionError(Exception):
    """Base of expected prediction failures. code/retryable are class attributes."""

    code = "prediction_error"
    retryable = False

    def __init__(self, message, *, model_name=None, details=None):
        super().__init__(message)
        self.message = message
        self.model_name = model_name
        self.details = details or {}

    def __str__(self):
        return str(self.message)

    def to_dict(self):
        """Return {"code", "message", "retryable", "model_name", "details"}."""
        return {
            "code": type(self).code,
            "message": self.message,
            "retryable": type(self).retryable,
            "model_name": self.model_name,
            "details": self.details,
        }


class InvalidInputError(PredictionError, ValueError):
    code = "invalid_input"
    retryable = False


class ModelTimeoutError(PredictionError, TimeoutError):
    code = "timeout"
    retryable = True


class ModelUnavailableError(PredictionError):
    code = "model_unavailable"
    retryable = True


def safe_predict(predict, features, *, retries=0, fallback=None):
    """Call predict(features), retrying retryable PredictionErrors up to `retries` extra times."""
    if isinstance(retries, bool) or not isinstance(retries, int) or retries < 0:
        raise ValueError("retries must be an int >= 0")
    attempts = 0
    while True:
        attempts += 1
        try:
            value = predict(features)
        except PredictionError as err:
            if err.retryable and attempts <= retries:
                continue
            error = err
            break
        return {"ok": True, "prediction": value, "attempts": attempts, "error": None, "fallback_used": False}
    if fallback is not None:
        prediction, used = fallback(features), True
    else:
        prediction, used = None, False
    return {
        "ok": False,
        "prediction": prediction,
        "attempts": attempts,
        "error": error.to_dict(),
        "fallback_used": used,
    }
