# mutant: deletes while len >= keep_last, keeping one checkpoint fewer than asked
import copy
from collections import deque

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


def _is_int(value, minimum):
    return isinstance(value, int) and not isinstance(value, bool) and value >= minimum


def train(total_steps, checkpoint_every, store, step_fn=toy_step, init_state=None, keep_last=None):
    """Run to total_steps, checkpointing deep copies into store; resume from its latest checkpoint.

    Saves store[step] after a step when step % checkpoint_every == 0 or step == total_steps.
    keep_last=k keeps at most k checkpoints (oldest deleted first). Exceptions from step_fn
    propagate. Returns the final state. Raises ValueError for total_steps not an int >= 0,
    checkpoint_every not an int >= 1, keep_last not None/int >= 1, or a store checkpoint
    beyond total_steps. O(1) amortized store operations per save (plus the copy).
    """
    if not _is_int(total_steps, 0):
        raise ValueError(f"total_steps must be an integer >= 0, got {total_steps!r}")
    if not _is_int(checkpoint_every, 1):
        raise ValueError(f"checkpoint_every must be an integer >= 1, got {checkpoint_every!r}")
    if keep_last is not None and not _is_int(keep_last, 1):
        raise ValueError(f"keep_last must be None or an integer >= 1, got {keep_last!r}")

    # One scan at start-up; afterwards the deque knows the age order of our checkpoints.
    saved_steps = deque(sorted(store))
    if saved_steps:
        latest = saved_steps[-1]
        if latest > total_steps:
            raise ValueError(f"the store's latest checkpoint (step {latest}) is beyond total_steps={total_steps}")
        state = copy.deepcopy(store[latest])
    else:
        state = copy.deepcopy(init_state if init_state is not None else initial_state())

    while state["step"] < total_steps:
        state = step_fn(state)
        step = state["step"]
        if step % checkpoint_every == 0 or step == total_steps:
            # step_fn may mutate the state in place later: the checkpoint must be a snapshot.
            store[step] = copy.deepcopy(state)
            saved_steps.append(step)
            if keep_last is not None:
                while len(saved_steps) >= keep_last and saved_steps:
                    del store[saved_steps.popleft()]
    return state
