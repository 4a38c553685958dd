class PredictionError(Exception):
    """Base of expected prediction failures. code/retryable are class attributes.

    PredictionError(message, *, model_name=None, details=None); str(error) == message.
    """

    code = "prediction_error"
    retryable = False

    def __init__(self, message, *, model_name=None, details=None):
        raise NotImplementedError

    def to_dict(self):
        """Return {"code", "message", "retryable", "model_name", "details"}."""
        raise NotImplementedError


class InvalidInputError(PredictionError):  # also a ValueError; code "invalid_input", not retryable
    pass


class ModelTimeoutError(PredictionError):  # also a TimeoutError; code "timeout", retryable
    pass


class ModelUnavailableError(PredictionError):  # code "model_unavailable", retryable
    pass


def safe_predict(predict, features, *, retries=0, fallback=None):
    """Call predict(features), retrying retryable PredictionErrors up to `retries` extra times.

    Returns {"ok", "prediction", "attempts", "error", "fallback_used"} (see the prompt).
    Non-PredictionError exceptions propagate unchanged. Raises ValueError if retries is not
    an int >= 0.
    """
    raise NotImplementedError
