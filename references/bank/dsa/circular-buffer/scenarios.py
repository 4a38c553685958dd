"""Scenarios for the circular buffer (observations only; expected values live in cases.yaml)."""

import random
import sys
import threading
import time

JOIN_TIMEOUT = 4.0
THREAD_STACK_BYTES = 512 * 1024
MAX_RETRIES = 200_000


def _safe_len(buf) -> int | str:
    try:
        return len(buf)
    except Exception as exc:  # a broken implementation must yield an observation, not a crash
        return type(exc).__name__


def producers_consumers(module, size: int, producers: int, consumers: int, items_per_producer: int) -> dict:
    """Producers retry on BufferFullError, consumers on BufferEmptyError, until all items moved."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    buf = module.CircularBuffer(size)
    total = producers * items_per_producer
    consumed: list[list] = [[] for _ in range(consumers)]
    taken = [0]
    taken_lock = threading.Lock()
    errors: list[str] = []
    over_capacity = threading.Event()

    start = threading.Barrier(producers + consumers)

    def produce(pid: int) -> None:
        try:
            start.wait(JOIN_TIMEOUT)
        except threading.BrokenBarrierError:
            pass
        for seq in range(items_per_producer):
            for _ in range(MAX_RETRIES):
                try:
                    buf.put((pid, seq))
                    break
                except module.BufferFullError:
                    time.sleep(0)
                except Exception as exc:
                    errors.append(f"put:{type(exc).__name__}")
                    return
            else:
                errors.append("put:gave-up")
                return
            current = _safe_len(buf)
            if not isinstance(current, int) or current > size:
                over_capacity.set()

    def consume(cid: int) -> None:
        try:
            start.wait(JOIN_TIMEOUT)
        except threading.BrokenBarrierError:
            pass
        idle = 0
        while idle < MAX_RETRIES:
            with taken_lock:
                if taken[0] >= total:
                    return
            try:
                item = buf.get()
            except module.BufferEmptyError:
                idle += 1
                time.sleep(0)
                continue
            except Exception as exc:
                errors.append(f"get:{type(exc).__name__}")
                return
            idle = 0
            consumed[cid].append(item)
            with taken_lock:
                taken[0] += 1
        errors.append("get:gave-up")

    threads = [threading.Thread(target=produce, args=(p,), daemon=True) for p in range(producers)]
    threads += [threading.Thread(target=consume, args=(c,), daemon=True) for c in range(consumers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    everything = [item for items in consumed for item in items]
    expected = {(p, s) for p in range(producers) for s in range(items_per_producer)}
    return {
        "consumed": len(everything),
        "each_exactly_once": len(everything) == len(set(everything)) and set(everything) == expected,
        "never_over_capacity": not over_capacity.is_set(),
        "left": _safe_len(buf),
        "errors": sorted(set(errors)),
        "hung_threads": sum(thread.is_alive() for thread in threads),
    }


def overwriting_writers(module, size: int, writers: int, items_per_writer: int) -> dict:
    """Writers overwrite concurrently; afterwards the buffer holds exactly ``size`` distinct items,
    and each writer's surviving items are in the order it wrote them."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    buf = module.CircularBuffer(size)

    def write(wid: int) -> None:
        for seq in range(items_per_writer):
            buf.put((wid, seq), overwrite=True)

    threads = [threading.Thread(target=write, args=(w,), daemon=True) for w in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    try:
        items = buf.to_list()
    except Exception as exc:
        return {"error": type(exc).__name__}
    ordered = all(
        a[1] < b[1] for w in range(writers) for a, b in zip(*(lambda s: (s, s[1:]))([i for i in items if i and i[0] == w]))
    )
    return {
        "len": _safe_len(buf),
        "listed": len(items),
        "distinct": len(set(items)),
        "per_writer_order": ordered,
        "hung_threads": sum(thread.is_alive() for thread in threads),
    }


def random_ops(module, size: int, operations: int, seed: int) -> dict:
    """Single thread: a seeded mix of put/put-overwrite/get/peek, checksummed."""
    rng = random.Random(seed)
    buf = module.CircularBuffer(size)
    acc = 0
    full_errors = 0
    empty_errors = 0
    for step in range(operations):
        action = rng.random()
        try:
            if action < 0.3:
                buf.put(step)
            elif action < 0.5:
                buf.put(step, overwrite=True)
            elif action < 0.85:
                acc = (acc * 31 + buf.get()) % 1_000_000_007
            else:
                acc = (acc * 7 + buf.peek()) % 1_000_000_007
        except module.BufferFullError:
            full_errors += 1
        except module.BufferEmptyError:
            empty_errors += 1
    return {"acc": acc, "len": len(buf), "full_errors": full_errors, "empty_errors": empty_errors,
            "tail": buf.to_list()[-3:]}


def large_ring(module, size: int, rounds: int) -> dict:
    """Fill a large buffer, then alternate get/put so head and tail keep wrapping."""
    buf = module.CircularBuffer(size)
    for i in range(size):
        buf.put(i)
    acc = 0
    for i in range(size, size + rounds):
        acc = (acc + buf.get()) % 1_000_000_007
        buf.put(i)
    return {"acc": acc, "len": len(buf), "full": buf.is_full(), "oldest": buf.peek()}


def readers_race_writers(module, size: int, reads: int) -> dict:
    """A writer keeps a full buffer rotating (put with overwrite=True of consecutive ints, plus
    get/put pairs) while the main thread calls to_list(), len(), is_full() and peek(). Every
    snapshot of a locked buffer is a run of consecutive ints; an unlocked reader sees torn ones."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    buf = module.CircularBuffer(size)
    for i in range(size):
        buf.put(i)
    stop = threading.Event()
    errors: list[str] = []

    def writer() -> None:
        value = size
        try:
            while not stop.is_set():
                buf.put(value, overwrite=True)
                value += 1
        except Exception as exc:
            errors.append(type(exc).__name__)

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    torn = bad_len = 0
    try:
        for _ in range(reads):
            snapshot = buf.to_list()
            if len(snapshot) != size or any(b != a + 1 for a, b in zip(snapshot, snapshot[1:])):
                torn += 1
            if _safe_len(buf) != size or not buf.is_full():
                bad_len += 1
            buf.peek()
    finally:
        stop.set()
        thread.join(JOIN_TIMEOUT)
        sys.setswitchinterval(0.005)
    return {"torn_snapshots": torn, "bad_len_or_full": bad_len, "errors": errors}


def len_scaling(module, small: int, big: int, calls: int, max_ratio: float) -> dict:
    """len(), is_full() and peek() on a full buffer of `small` and of `big` slots: O(1) costs the
    same; copying the buffer per call costs big/small times more (against `max_ratio` ~10)."""
    import gc

    def cost(size: int) -> float:
        buf = module.CircularBuffer(size)
        for i in range(size):
            buf.put(i)
        best = float("inf")
        for _ in range(3):
            gc.collect()
            started = time.thread_time()
            for _ in range(calls):
                len(buf)
                buf.is_full()
                buf.peek()
            best = min(best, time.thread_time() - started)
        return best

    small_s, big_s = cost(small), cost(big)
    return {"cost_independent_of_size": big_s < max_ratio * max(small_s, 1e-4)}
