"""Crash-and-resume scenarios for the checkpointing trainer: they observe, the grader judges."""

MODULUS = 2 ** 31


class SimulatedCrash(RuntimeError):
    """The process dies in the middle of a step (preemption, OOM kill, NCCL timeout...)."""


def _init_state(dim):
    return {"step": 0, "weights": [0.0] * dim, "momentum": [0.0] * dim, "rng": 2024, "cursor": 0}


def _make_step(dim, crash_at, calls):
    """An optimizer step that mutates the state in place, like torch.optim does."""

    def step_fn(state):
        if crash_at is not None and state["step"] + 1 == crash_at:
            raise SimulatedCrash(f"killed during step {crash_at}")
        calls[0] += 1
        state["rng"] = (state["rng"] * 1103515245 + 12345) % MODULUS
        state["cursor"] += 1
        x = state["rng"] / MODULUS
        weights, momentum = state["weights"], state["momentum"]
        for index in range(dim):
            gradient = weights[index] - x * (index + 1)
            momentum[index] = 0.9 * momentum[index] + gradient
            weights[index] -= 0.01 * momentum[index]
        state["step"] += 1
        return state

    return step_fn


def _digest(state):
    return {
        "step": state["step"],
        "rng": state["rng"],
        "cursor": state["cursor"],
        "weights": [round(w, 9) for w in state["weights"]],
    }


def crash_and_resume(module, *, total_steps, checkpoint_every, crashes, dim=3, keep_last=None,
                     uninterrupted=True):
    """Run with a crash at each step in `crashes` (one per attempt), then a last clean attempt.

    Observes, per crashed attempt, whether the crash propagated and the newest checkpoint left;
    the steps executed by every attempt; the final state; the checkpoints left in the store;
    and (if asked) the final state of an uninterrupted run on a fresh store.
    """
    store = {}
    attempts = []
    for crash_at in crashes:
        calls = [0]
        try:
            module.train(total_steps, checkpoint_every, store, step_fn=_make_step(dim, crash_at, calls),
                         init_state=_init_state(dim), keep_last=keep_last)
            propagated = False
        except SimulatedCrash:
            propagated = True
        attempts.append({"crash_propagated": propagated, "steps_run": calls[0],
                         "latest_checkpoint": max(store) if store else None})
    calls = [0]
    final = module.train(total_steps, checkpoint_every, store, step_fn=_make_step(dim, None, calls),
                         init_state=_init_state(dim), keep_last=keep_last)
    observation = {
        "attempts": attempts,
        "last_attempt_steps": calls[0],
        "final": _digest(final),
        "checkpoints_left": len(store),
        "oldest_checkpoint": min(store) if store else None,
        "newest_checkpoint": max(store) if store else None,
        "newest_is_final": bool(store) and _digest(store[max(store)]) == _digest(final),
    }
    if uninterrupted:
        clean = module.train(total_steps, checkpoint_every, {}, step_fn=_make_step(dim, None, [0]),
                             init_state=_init_state(dim), keep_last=keep_last)
        observation["uninterrupted"] = _digest(clean)
    return observation


def shorter_rerun(module, *, first_total, second_total, checkpoint_every):
    """Train to `first_total`, then call again on the same store asking for `second_total` steps.

    Observes the name of the exception raised by the second call (None if it returned).
    """
    store = {}
    module.train(first_total, checkpoint_every, store, step_fn=_make_step(2, None, [0]), init_state=_init_state(2))
    try:
        module.train(second_total, checkpoint_every, store, step_fn=_make_step(2, None, [0]), init_state=_init_state(2))
    except Exception as error:  # the observation is the exception's name
        return {"raised": type(error).__name__}
    return {"raised": None}


def caller_state_untouched(module, *, total_steps, checkpoint_every, dim=3):
    """The caller's init_state must not be mutated by an in-place step_fn (train starts from a copy)."""
    init = _init_state(dim)
    before = _digest(init)
    calls = [0]
    final = module.train(total_steps, checkpoint_every, {}, step_fn=_make_step(dim, None, calls), init_state=init)
    return {"init_unchanged": _digest(init) == before, "final": _digest(final), "calls": calls[0]}


def resume_from_largest_step(module, *, total_steps, checkpoint_every, reinsert, dim=3):
    """A store whose keys were inserted out of order (a mapping that outlives the process need not
    keep order): resume must take the largest step, not the last inserted one."""
    store = {}
    module.train(total_steps // 2, checkpoint_every, store, step_fn=_make_step(dim, None, [0]),
                 init_state=_init_state(dim))
    for step in reinsert:
        if step in store:
            store[step] = store.pop(step)
    calls = [0]
    final = module.train(total_steps, checkpoint_every, store, step_fn=_make_step(dim, None, calls),
                         init_state=_init_state(dim))
    return {"final": _digest(final), "calls": calls[0], "steps": sorted(store)}
