# mutant: Checkpoints are stored as the live state object, so a step_fn that mutates in place rewrites earlier checkpoints.
from collections import deque
import copy

LCG_MULTIPLIER = 1103515245
LCG_INCREMENT = 12345
LCG_MODULUS = 2 ** 31


def initial_state():
    """The default starting state of the toy model y = w * x + b."""
    return {"step": 0, "w": 0.0, "b": 0.0, "rng": 12345}


def toy_step(state):
    """One SGD step on a sample drawn from the state's own RNG (provided; do not change)."""
    rng = (state["rng"] * LCG_MULTIPLIER + LCG_INCREMENT) % LCG_MODULUS
    x = rng / LCG_MODULUS
    error = state["w"] * x + state["b"] - (3.0 * x + 1.0)
    return {
        "step": state["step"] + 1,
        "w": state["w"] - 0.1 * error * x,
        "b": state["b"] - 0.1 * error,
        "rng": rng,
    }


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def train(total_steps, checkpoint_every, store, step_fn=toy_step, init_state=None, keep_last=None):
    """Run to total_steps, checkpointing deep copies into store; resume from its latest checkpoint."""
    if not _is_int(total_steps) or total_steps < 0:
        raise ValueError("total_steps must be an int >= 0")
    if not _is_int(checkpoint_every) or checkpoint_every < 1:
        raise ValueError("checkpoint_every must be an int >= 1")
    if keep_last is not None and (not _is_int(keep_last) or keep_last < 1):
        raise ValueError("keep_last must be None or an int >= 1")

    if len(store) == 0:
        state = copy.deepcopy(initial_state() if init_state is None else init_state)
        saved = deque()
    else:
        steps = sorted(store)  # once per call, not per save
        latest = steps[-1]
        if latest > total_steps:
            raise ValueError("latest checkpoint is beyond total_steps")
        state = copy.deepcopy(store[latest])
        saved = deque(steps)

    while state["step"] < total_steps:
        state = step_fn(state)
        step = state["step"]
        if step % checkpoint_every == 0 or step == total_steps:
            store[step] = state
            saved.append(step)
            if keep_last is not None:
                while len(saved) > keep_last:
                    del store[saved.popleft()]
    return state
