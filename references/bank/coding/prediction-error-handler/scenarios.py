"""Drive safe_predict with a scripted model; observe the response and how often it was called."""

_ERRORS = {
    "timeout": ("ModelTimeoutError", "ranker took 2.5s", {"model_name": "ranker"}),
    "unavailable": ("ModelUnavailableError", "no healthy replica", {"model_name": "ranker"}),
    "invalid": ("InvalidInputError", "age must be >= 0", {"details": {"field": "age"}}),
    "generic": ("PredictionError", "unknown model failure", {}),
}


def _scripted(module, outcomes, seen):
    script = list(outcomes)

    def predict(features):
        seen.append(features)
        outcome = script.pop(0) if script else "ok:default"
        if outcome.startswith("ok:"):
            return outcome[3:]
        if outcome == "bug":
            return {}["missing_feature"]
        name, message, kwargs = _ERRORS[outcome]
        raise getattr(module, name)(message, **kwargs)

    return predict


class _FalsyFallback:
    """A callable fallback that is falsy (it has a length of 0): still a fallback."""

    def __len__(self):
        return 0

    def __call__(self, features):
        return {"falsy_fallback_for": features}


def _fallback(kind):
    if kind is None:
        return None
    if kind == "falsy-callable":
        return _FalsyFallback()
    if kind == "echo":
        return lambda features: {"fallback_for": features}
    return lambda features: kind


def handle(module, outcomes, features=None, retries=None, fallback=None):
    seen = []
    predict = _scripted(module, outcomes, seen)
    kwargs = {"fallback": _fallback(fallback)}
    if retries is not None:
        kwargs["retries"] = retries
    try:
        response = module.safe_predict(predict, features, **kwargs)
        propagated = None
    except Exception as error:
        response = None
        propagated = type(error).__name__
    return {"response": response, "propagated": propagated, "calls": len(seen)}


def hierarchy(module):
    names = ["PredictionError", "InvalidInputError", "ModelTimeoutError", "ModelUnavailableError"]
    classes = [getattr(module, name) for name in names]
    return {
        "codes": [cls.code for cls in classes],
        "retryable": [cls.retryable for cls in classes],
        "subclass_of_base": [issubclass(cls, module.PredictionError) for cls in classes],
        "invalid_is_value_error": issubclass(module.InvalidInputError, ValueError),
        "timeout_is_timeout_error": issubclass(module.ModelTimeoutError, TimeoutError),
        "unavailable_is_timeout_error": issubclass(module.ModelUnavailableError, TimeoutError),
    }


def error_fields(module):
    error = module.ModelUnavailableError("replica down", model_name="bert", details={"zone": "b"})
    plain = module.PredictionError("boom")
    return {
        "str": str(error),
        "attrs": [error.message, error.model_name, error.details],
        "dict": error.to_dict(),
        "plain": plain.to_dict(),
        "catchable_as_exception": isinstance(error, Exception),
    }


def volume(module, requests):
    # Many requests with a periodic pattern of transient failures.
    pattern = ["ok:1", "timeout", "ok:2", "unavailable", "unavailable", "ok:3", "invalid"]
    calls = {"count": 0}

    def predict(features):
        outcome = pattern[calls["count"] % len(pattern)]
        calls["count"] += 1
        if outcome.startswith("ok:"):
            return int(outcome[3:]) + features
        name, message, kwargs = _ERRORS[outcome]
        raise getattr(module, name)(message, **kwargs)

    ok = fallback_used = total = attempts = 0
    for index in range(requests):
        response = module.safe_predict(predict, index % 10, retries=1, fallback=lambda f: -1)
        ok += response["ok"]
        fallback_used += response["fallback_used"]
        total += response["prediction"]
        attempts += response["attempts"]
    return {"ok": ok, "fallback_used": fallback_used, "total": total, "attempts": attempts,
            "calls": calls["count"]}


def signatures(module) -> dict:
    """Keyword-only parameters: PredictionError(message, *, model_name, details) and
    safe_predict(predict, features, *, retries, fallback); the first ones by keyword too."""
    outcomes = {}
    attempts = {
        "error_keywords": lambda: module.PredictionError(message="m", model_name="x").to_dict(),
        "error_positional_model": lambda: module.PredictionError("m", "x"),
        "predict_keywords": lambda: module.safe_predict(predict=lambda f: f, features=2),
        "predict_positional_retries": lambda: module.safe_predict(lambda f: f, 2, 1),
    }
    for name, attempt in attempts.items():
        try:
            result = attempt()
            outcomes[name] = result if isinstance(result, dict) else "accepted"
        except TypeError:
            outcomes[name] = "TypeError"
    return outcomes
