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


def train(total_steps, checkpoint_every, store, step_fn=toy_step, init_state=None, keep_last=None):
    """Run to total_steps, checkpointing deep copies into store; resume from its latest checkpoint.

    Saves store[step] after a step when step % checkpoint_every == 0 or step == total_steps.
    keep_last=k keeps at most k checkpoints (oldest deleted first). Exceptions from step_fn
    propagate. Returns the final state. Raises ValueError for total_steps not an int >= 0,
    checkpoint_every not an int >= 1, keep_last not None/int >= 1, or a store checkpoint
    beyond total_steps. O(1) amortized store operations per save (plus the copy).
    """
    raise NotImplementedError
