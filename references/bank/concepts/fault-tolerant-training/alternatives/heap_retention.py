# alternative: retention tracked with a min-heap of checkpoint steps (heapify once at start), smallest step deleted while more than keep_last remain.
import heapq
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


def _check_int(value, minimum, what):
    if type(value) is bool or not isinstance(value, int) or value < minimum:
        raise ValueError(f"{what} must be an int >= {minimum}, got {value!r}")


def train(total_steps, checkpoint_every, store, step_fn=toy_step, init_state=None, keep_last=None):
    """Run to total_steps, checkpointing deep copies into store; resume from its latest checkpoint."""
    _check_int(total_steps, 0, "total_steps")
    _check_int(checkpoint_every, 1, "checkpoint_every")
    if keep_last is not None:
        _check_int(keep_last, 1, "keep_last")

    heap = list(store.keys())
    if heap:
        latest = max(heap)
        if latest > total_steps:
            raise ValueError(f"store holds step {latest} > total_steps {total_steps}")
        heapq.heapify(heap)
        state = copy.deepcopy(store[latest])
    else:
        start = init_state if init_state is not None else initial_state()
        state = copy.deepcopy(start)

    def save(current):
        step = current["step"]
        store[step] = copy.deepcopy(current)
        heapq.heappush(heap, step)
        if keep_last is not None:
            while len(heap) > keep_last:
                oldest = heapq.heappop(heap)
                store.pop(oldest, None)

    while state["step"] < total_steps:
        state = step_fn(state)
        if state["step"] % checkpoint_every == 0 or state["step"] == total_steps:
            save(state)
    return state
