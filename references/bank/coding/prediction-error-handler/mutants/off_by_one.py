# mutant: treats retries as the total number of calls (one attempt too few)
class PredictionError(Exception):
    """Base of expected prediction failures; anything else is a bug and must propagate."""

    code = "prediction_error"
    retryable = False

    def __init__(self, message, *, model_name=None, details=None):
        super().__init__(message)
        self.message = message
        self.model_name = model_name
        self.details = details

    def to_dict(self):
        return {
            "code": self.code,
            "message": self.message,
            "retryable": self.retryable,
            "model_name": self.model_name,
            "details": self.details,
        }


# The built-in bases let generic code (`except TimeoutError`) handle these too.
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
        raise ValueError(f"retries must be an int >= 0, got {retries!r}")
    attempts = 0
    while True:
        attempts += 1
        try:
            prediction = predict(features)
        except PredictionError as error:
            if error.retryable and attempts < retries:
                continue
            failure = error
            break
        return {"ok": True, "prediction": prediction, "attempts": attempts,
                "error": None, "fallback_used": False}
    used_fallback = fallback is not None
    return {
        "ok": False,
        "prediction": fallback(features) if used_fallback else None,
        "attempts": attempts,
        "error": failure.to_dict(),
        "fallback_used": used_fallback,
    }
