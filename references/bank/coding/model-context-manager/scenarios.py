"""Drive the candidate's ModelContext with a fake model that records its lifecycle."""

import gc
import weakref


class FakeModel:
    def __init__(self, path, events, cleanup_fails):
        self.path = path
        self.events = events
        self.cleanup_fails = cleanup_fails
        self.buffer = bytearray(1024)

    def predict(self, batch):
        self.events.append("predict")
        return [x * 2 for x in batch]

    def cleanup(self):
        self.events.append("cleanup")
        if self.cleanup_fails:
            raise OSError("device busy")


def _loader(events, loader_fails=False, cleanup_fails=False):
    def load(path):
        events.append(f"load {path}")
        if loader_fails:
            raise FileNotFoundError(path)
        return FakeModel(path, events, cleanup_fails)

    return load


def session(module, body, loader_fails=False, cleanup_fails=False):
    """body: ok | raise | return."""
    events = []
    ctx = module.ModelContext("ranker.pt", _loader(events, loader_fails, cleanup_fails))

    def use():
        with ctx as model:
            if body == "return":
                return model.predict([1, 2])
            value = model.predict([1])
            if body == "raise":
                raise ValueError("bad batch")
            return value

    try:
        value = use()
        propagated = None
    except Exception as error:
        value = None
        propagated = type(error).__name__
    return {"events": events, "value": value, "propagated": propagated, "model_after": ctx.model is None}


def released(module):
    events = []
    ctx = module.ModelContext("ranker.pt", _loader(events))
    with ctx as model:
        model.predict([1])
    ref = weakref.ref(model)
    del model
    gc.collect()
    return {"released": ref() is None, "events": events}


def reenter(module):
    events = []
    ctx = module.ModelContext("ranker.pt", _loader(events))
    outcome = None
    with ctx:
        try:
            with ctx:
                events.append("inner body")
        except Exception as error:
            outcome = type(error).__name__
        still_active = ctx.model is not None
    with ctx as again:
        again.predict([3])
    return {"inner": outcome, "still_active": still_active, "events": events,
            "model_after": ctx.model is None}


def many_sessions(module, sessions):
    events = []
    ctx = module.ModelContext("ranker.pt", _loader(events))
    failures = 0
    for index in range(sessions):
        try:
            with ctx as model:
                model.predict([index])
                if index % 5 == 0:
                    raise ValueError("bad batch")
        except ValueError:
            failures += 1
    counts = {}
    for event in events:
        counts[event] = counts.get(event, 0) + 1
    return {"counts": counts, "failures": failures, "model_after": ctx.model is None}


def reuse_after_failures(module):
    events = []
    ctx = module.ModelContext("ranker.pt", _loader(events, cleanup_fails=True))
    outcomes = []
    for body in ("raise", "ok"):
        try:
            with ctx as model:
                model.predict([1])
                if body == "raise":
                    raise ValueError("bad batch")
            outcomes.append("returned")
        except Exception as error:
            outcomes.append(type(error).__name__)
        outcomes.append(ctx.model is None)
    return {"outcomes": outcomes, "events": events}


class FalsyModel(FakeModel):
    """A valid model that happens to be falsy (an empty batch queue, a sized container)."""

    def __len__(self):
        return 0

    def __bool__(self):
        return False


def falsy_model(module):
    """A model whose truthiness is False is still a model: it is returned, active, cleaned up."""
    events = []

    def load(path):
        events.append(f"load {path}")
        return FalsyModel(path, events, False)

    ctx = module.ModelContext("empty.pt", load)
    with ctx as model:
        active = ctx.model is model
        try:
            with ctx:
                nested = "entered"
        except RuntimeError:
            nested = "RuntimeError"
    after = ctx.model is None
    with ctx:
        pass
    return {"events": events, "active": active, "nested": nested, "model_after": after}


def reuse_after_failed_load(module):
    """A load that raises leaves the context inactive: the same object may be entered again."""
    events = []
    attempts = [0]

    def load(path):
        attempts[0] += 1
        events.append(f"load {path} #{attempts[0]}")
        if attempts[0] == 1:
            raise FileNotFoundError(path)
        return FakeModel(path, events, False)

    ctx = module.ModelContext("ranker.pt", load)
    outcomes = []
    for _ in range(2):
        try:
            with ctx as model:
                outcomes.append(model.predict([3]))
        except Exception as exc:
            outcomes.append(type(exc).__name__)
        outcomes.append(ctx.model is None)
    return {"events": events, "outcomes": outcomes}
