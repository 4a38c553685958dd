"""Threaded scenarios for the bounded queue (observations only; expected values live in cases.yaml).

Every wait in here has a timeout, so a deadlocked or lossy implementation produces a failure
observation instead of hanging the sandbox.
"""

import sys
import threading
import time

JOIN_TIMEOUT = 4.0
# Small thread stacks: the sandbox limits address space, and 8 MiB default stacks add up.
THREAD_STACK_BYTES = 512 * 1024


def producers_consumers(module, size: int, producers: int, consumers: int, items_per_producer: int) -> dict:
    """Many producers and consumers race on one queue; sentinels stop the consumers."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    q = module.BoundedQueue(size)
    consumed: list[list] = [[] for _ in range(consumers)]
    errors: list[str] = []
    over_capacity = threading.Event()

    def produce(pid: int) -> None:
        try:
            for seq in range(items_per_producer):
                q.put((pid, seq), timeout=JOIN_TIMEOUT)
                if len(q) > size:
                    over_capacity.set()
        except Exception as exc:  # report, never hang
            errors.append(f"producer:{type(exc).__name__}")

    def consume(cid: int) -> None:
        try:
            while True:
                item = q.get(timeout=JOIN_TIMEOUT)
                if item is None:
                    return
                consumed[cid].append(item)
                if len(q) > size:
                    over_capacity.set()
        except Exception as exc:
            errors.append(f"consumer:{type(exc).__name__}")

    consumer_threads = [threading.Thread(target=consume, args=(c,), daemon=True) for c in range(consumers)]
    producer_threads = [threading.Thread(target=produce, args=(p,), daemon=True) for p in range(producers)]
    for thread in consumer_threads + producer_threads:
        thread.start()
    for thread in producer_threads:
        thread.join(JOIN_TIMEOUT)
    for _ in range(consumers):
        try:
            q.put(None, timeout=JOIN_TIMEOUT)
        except Exception as exc:
            errors.append(f"sentinel:{type(exc).__name__}")
    for thread in consumer_threads:
        thread.join(JOIN_TIMEOUT)
    hung = sum(thread.is_alive() for thread in consumer_threads + producer_threads)

    everything = [item for items in consumed for item in items]
    expected = {(p, s) for p in range(producers) for s in range(items_per_producer)}
    fifo_per_consumer = all(
        all(a[1] < b[1] for a, b in zip(items, items[1:]) if a[0] == b[0])
        for items in ([i for i in c if i[0] == p] for c in consumed for p in range(producers))
    )
    return {
        "consumed": len(everything),
        "each_exactly_once": len(everything) == len(set(everything)) and set(everything) == expected,
        "fifo_per_producer": fifo_per_consumer,
        "never_over_capacity": not over_capacity.is_set(),
        "errors": sorted(set(errors)),
        "hung_threads": hung,
    }


def blocking_handoff(module, size: int) -> dict:
    """A producer blocked on a full queue is released by a get; a consumer blocked on an empty one by a put."""
    q = module.BoundedQueue(size)
    for i in range(size):
        q.put(i)
    observed: dict = {}

    def blocked_put() -> None:
        try:
            q.put("late", timeout=JOIN_TIMEOUT)
            observed["put_returned"] = True
        except Exception as exc:
            observed["put_returned"] = type(exc).__name__

    producer = threading.Thread(target=blocked_put, daemon=True)
    producer.start()
    time.sleep(0.05)
    observed["put_still_blocked"] = producer.is_alive()
    observed["first_get"] = q.get(timeout=1)
    producer.join(JOIN_TIMEOUT)
    observed["producer_finished"] = not producer.is_alive()
    drained = [q.get(timeout=1) for _ in range(size)]
    observed["drained"] = drained

    def blocked_get() -> None:
        try:
            observed["got"] = q.get(timeout=JOIN_TIMEOUT)
        except Exception as exc:
            observed["got"] = type(exc).__name__

    consumer = threading.Thread(target=blocked_get, daemon=True)
    consumer.start()
    time.sleep(0.05)
    observed["get_still_blocked"] = consumer.is_alive()
    q.put("wake")
    consumer.join(JOIN_TIMEOUT)
    observed["consumer_finished"] = not consumer.is_alive()
    return observed


def timeouts(module, wait: float) -> dict:
    """put on a full queue and get on an empty one give up after about ``wait`` seconds."""
    q = module.BoundedQueue(1)
    result: dict = {}
    start = time.monotonic()
    try:
        q.get(timeout=wait)
        result["get"] = "returned"
    except Exception as exc:
        result["get"] = type(exc).__name__
    elapsed = time.monotonic() - start
    result["get_waited"] = wait * 0.8 <= elapsed <= wait + 1.0
    q.put("x")
    start = time.monotonic()
    try:
        q.put("y", timeout=wait)
        result["put"] = "returned"
    except Exception as exc:
        result["put"] = type(exc).__name__
    elapsed = time.monotonic() - start
    result["put_waited"] = wait * 0.8 <= elapsed <= wait + 1.0
    result["len"] = len(q)
    return result



def fill_and_drain(module, size: int, rounds: int) -> dict:
    """Single thread: fill a large queue completely, then drain it, ``rounds`` times."""
    q = module.BoundedQueue(size)
    in_order = True
    full_raised = 0
    for round_no in range(rounds):
        base = round_no * size
        for i in range(size):
            q.put(base + i, timeout=0)
        try:
            q.put(-1, timeout=0)
        except Exception as exc:
            full_raised += type(exc).__name__ == "Full"
        for i in range(size):
            in_order &= q.get(timeout=0) == base + i
    return {"in_order": in_order, "full_raised": full_raised, "final_len": len(q)}


def stolen_wakeups(module, rounds: int) -> dict:
    """Forced interleaving, not luck: a thread blocked in get() (resp. put()) is notified, and the
    main thread, which keeps the GIL (a long switch interval), takes the item (resp. the free
    slot) before the woken thread runs. A waiter that does not re-check its condition in a loop
    then pops from an empty queue (resp. overfills it) in every round."""
    sys.setswitchinterval(0.5)
    threading.stack_size(THREAD_STACK_BYTES)
    observed = {"get_results": [], "put_results": [], "lengths_after_put_steal": []}
    for _ in range(rounds):
        q = module.BoundedQueue(1)
        got: list = []

        def consumer() -> None:
            try:
                got.append(q.get())
            except Exception as exc:
                got.append(type(exc).__name__)

        thread = threading.Thread(target=consumer, daemon=True)
        thread.start()
        time.sleep(0.02)               # the consumer is now waiting on an empty queue
        q.put("first")                 # notifies it ...
        stolen = q.get(timeout=0)      # ... and the main thread takes the item first
        time.sleep(0.02)               # the consumer wakes up to an empty queue
        q.put("second")
        thread.join(JOIN_TIMEOUT)
        observed["get_results"].append([stolen, got[:1], thread.is_alive()])

        q = module.BoundedQueue(1)
        q.put("a")
        done: list = []

        def producer() -> None:
            try:
                q.put("b")
                done.append("returned")
            except Exception as exc:
                done.append(type(exc).__name__)

        thread = threading.Thread(target=producer, daemon=True)
        thread.start()
        time.sleep(0.02)               # the producer is now waiting on a full queue
        first = q.get()                # frees the slot and notifies it ...
        q.put("c", timeout=0)          # ... and the main thread fills the slot first
        time.sleep(0.02)
        observed["lengths_after_put_steal"].append(len(q))
        rest = [q.get(timeout=1) for _ in range(min(len(q), 3))]
        thread.join(JOIN_TIMEOUT)
        observed["put_results"].append([first, rest[:1], done[:1], thread.is_alive()])
    sys.setswitchinterval(0.005)
    return observed


def idle_waiters_cpu(module, waiters: int, seconds: float) -> dict:
    """`waiters` consumers blocked on an empty queue and `waiters` producers blocked on a full
    one for `seconds`: sleeping on a condition costs no CPU, busy-waiting costs about a core.
    The process CPU time while they wait is observed against a tenth of the wall time."""
    threading.stack_size(THREAD_STACK_BYTES)
    empty, full = module.BoundedQueue(1), module.BoundedQueue(1)
    full.put("x")
    results: list = []

    def consume() -> None:
        try:
            results.append(empty.get(timeout=JOIN_TIMEOUT))
        except Exception as exc:
            results.append(type(exc).__name__)

    def produce(i: int) -> None:
        try:
            full.put(i, timeout=JOIN_TIMEOUT)
            results.append("put")
        except Exception as exc:
            results.append(type(exc).__name__)

    threads = [threading.Thread(target=consume, daemon=True) for _ in range(waiters)]
    threads += [threading.Thread(target=produce, args=(i,), daemon=True) for i in range(waiters)]
    for thread in threads:
        thread.start()
    time.sleep(0.05)
    cpu_before = time.process_time()
    time.sleep(seconds)
    idle_cpu = time.process_time() - cpu_before
    for i in range(waiters):
        empty.put(i, timeout=JOIN_TIMEOUT)
        full.get(timeout=JOIN_TIMEOUT)
    for thread in threads:
        thread.join(JOIN_TIMEOUT)
    return {"waiting_costs_no_cpu": idle_cpu < seconds / 10, "results": len(results),
            "hung": sum(thread.is_alive() for thread in threads)}
