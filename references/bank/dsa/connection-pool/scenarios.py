"""Scenarios for the connection pool (observations only; expected values live in cases.yaml).

``script`` interprets a list of steps against one pool with fake connections and a fake
clock, so single-threaded behaviour is checked without real connections or sleeps.
Threaded scenarios use timeouts everywhere and report failures instead of hanging.
"""

import random
import sys
import threading
import time

JOIN_TIMEOUT = 4.0
THREAD_STACK_BYTES = 512 * 1024


class FakeConnection:
    def __init__(self, conn_id: int) -> None:
        self.id = conn_id
        self.closed = False
        self.broken = False
        self.busy = False

    def close(self) -> None:
        self.closed = True


class _Factory:
    def __init__(self, fail_on: set[int] | None = None) -> None:
        self.created: list[FakeConnection] = []
        self.calls = 0
        self.fail_on = fail_on or set()
        self.lock = threading.Lock()

    def __call__(self) -> FakeConnection:
        with self.lock:
            self.calls += 1
            if self.calls in self.fail_on:
                raise ConnectionError("connect failed")
            conn = FakeConnection(len(self.created) + 1)
            self.created.append(conn)
            return conn


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def script(module, max_connections: int, steps: list, validate: bool = False,
           max_idle_seconds: float | None = None, factory_fails_on: list | None = None) -> list:
    """Run ``steps``; each yields one result (a connection id, an exception name, or data).

    Steps: ["acquire", timeout] -> conn id (handle k = k-th successful acquire);
    ["release", k]; ["break", k] marks handle k broken (validate then rejects it);
    ["advance", seconds]; ["stats"] -> [in_use, idle]; ["closed"] -> ids closed so far;
    ["close"]; ["release_foreign"]; ["with", timeout] -> id used inside pool.connection().
    """
    factory = _Factory(set(factory_fails_on or ()))
    clock = _Clock()
    kwargs = {"clock": clock}
    if validate:
        kwargs["validate"] = lambda conn: not conn.broken
    if max_idle_seconds is not None:
        kwargs["max_idle_seconds"] = max_idle_seconds
    try:
        pool = module.ConnectionPool(factory, max_connections, **kwargs)
    except Exception as exc:
        return [f"init:{type(exc).__name__}"]
    handles: list = []
    results: list = []
    for step in steps:
        op, arg = step[0], step[1] if len(step) > 1 else None
        try:
            if op == "acquire":
                conn = pool.acquire(timeout=arg)
                handles.append(conn)
                results.append(conn.id)
            elif op == "release":
                results.append(pool.release(handles[arg]))
            elif op == "break":
                handles[arg].broken = True
                results.append(None)
            elif op == "advance":
                clock.now += arg
                results.append(None)
            elif op == "stats":
                results.append([pool.in_use(), pool.idle()])
            elif op == "closed":
                results.append([conn.id for conn in factory.created if conn.closed])
            elif op == "close":
                results.append(pool.close())
            elif op == "release_foreign":
                results.append(pool.release(FakeConnection(999)))
            elif op == "with":
                with pool.connection(timeout=arg) as conn:
                    results.append(conn.id)
            else:
                results.append(f"unknown-step:{op}")
        except Exception as exc:
            results.append(type(exc).__name__)
    return results


def contention(module, max_connections: int, threads: int, iterations: int) -> dict:
    """More threads than connections; each checks out, uses and returns a connection repeatedly."""
    sys.setswitchinterval(1e-6)
    threading.stack_size(THREAD_STACK_BYTES)
    factory = _Factory()
    pool = module.ConnectionPool(factory, max_connections)
    state = {"outstanding": 0, "max_outstanding": 0, "double_handouts": 0, "uses": 0}
    state_lock = threading.Lock()
    errors: list[str] = []
    start = threading.Barrier(threads)

    def work() -> None:
        try:
            start.wait(JOIN_TIMEOUT)
        except threading.BrokenBarrierError:
            pass
        for _ in range(iterations):
            try:
                conn = pool.acquire(timeout=JOIN_TIMEOUT)
            except Exception as exc:
                errors.append(f"acquire:{type(exc).__name__}")
                return
            with state_lock:
                if conn.busy:
                    state["double_handouts"] += 1
                conn.busy = True
                state["outstanding"] += 1
                state["max_outstanding"] = max(state["max_outstanding"], state["outstanding"])
                state["uses"] += 1
            time.sleep(0)
            with state_lock:
                conn.busy = False
                state["outstanding"] -= 1
            try:
                pool.release(conn)
            except Exception as exc:
                errors.append(f"release:{type(exc).__name__}")
                return

    workers = [threading.Thread(target=work, daemon=True) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(JOIN_TIMEOUT * 2)
    return {
        "uses": state["uses"],
        "created_within_limit": len(factory.created) <= max_connections,
        "outstanding_within_limit": state["max_outstanding"] <= max_connections,
        "double_handouts": state["double_handouts"],
        "final_in_use": pool.in_use(),
        "errors": sorted(set(errors)),
        "hung_threads": sum(worker.is_alive() for worker in workers),
    }


def close_wakes_waiters(module, waiters: int) -> dict:
    """Threads blocked in acquire() on an exhausted pool are woken by close() with PoolClosed."""
    threading.stack_size(THREAD_STACK_BYTES)
    pool = module.ConnectionPool(_Factory(), 1)
    held = pool.acquire()
    outcomes: list[str] = []
    lock = threading.Lock()

    def wait_for_connection() -> None:
        try:
            pool.acquire(timeout=JOIN_TIMEOUT)
            result = "acquired"
        except Exception as exc:
            result = type(exc).__name__
        with lock:
            outcomes.append(result)

    workers = [threading.Thread(target=wait_for_connection, daemon=True) for _ in range(waiters)]
    for worker in workers:
        worker.start()
    time.sleep(0.1)
    pool.close()
    for worker in workers:
        worker.join(JOIN_TIMEOUT)
    pool.release(held)
    return {"outcomes": sorted(outcomes), "held_closed_on_release": held.closed,
            "hung_threads": sum(worker.is_alive() for worker in workers)}


def churn(module, max_connections: int, rounds: int, seed: int) -> dict:
    """Check out every connection, return them in random order, repeat — O(1) release required."""
    rng = random.Random(seed)
    factory = _Factory()
    pool = module.ConnectionPool(factory, max_connections)
    checksum = 0
    for _ in range(rounds):
        conns = [pool.acquire(timeout=0) for _ in range(max_connections)]
        rng.shuffle(conns)
        for conn in conns:
            pool.release(conn)
        checksum = (checksum * 31 + conns[0].id) % 1_000_000_007
    return {"created": len(factory.created), "checksum": checksum, "idle": pool.idle(), "in_use": pool.in_use()}


def close_wakes_promptly(module, waiters: int) -> dict:
    """close() must *wake* threads blocked in acquire(): they raise PoolClosed right away, not
    when their own timeout (3 s here) runs out."""
    threading.stack_size(THREAD_STACK_BYTES)
    pool = module.ConnectionPool(_Factory(), 1)
    held = pool.acquire()
    finished: list[float] = []
    outcomes: list[str] = []
    lock = threading.Lock()

    def wait_for_connection() -> None:
        try:
            pool.acquire(timeout=3.0)
            result = "acquired"
        except Exception as exc:
            result = type(exc).__name__
        with lock:
            outcomes.append(result)
            finished.append(time.monotonic())

    workers = [threading.Thread(target=wait_for_connection, daemon=True) for _ in range(waiters)]
    for worker in workers:
        worker.start()
    time.sleep(0.2)
    closed_at = time.monotonic()
    pool.close()
    for worker in workers:
        worker.join(JOIN_TIMEOUT)
    pool.release(held)
    slowest = max(finished) - closed_at if finished else None
    return {"outcomes": sorted(outcomes), "woken_within_a_second": slowest is not None and slowest < 1.0}


def slow_connect_does_not_block(module, connect_seconds: float) -> dict:
    """While one thread is inside a slow factory() (connecting), other threads release, acquire
    an idle connection and read the counters without waiting for it: factory() is not called
    under the pool's lock."""
    threading.stack_size(THREAD_STACK_BYTES)
    slow = threading.Event()
    inside = threading.Event()
    plain = _Factory()

    def factory():
        if slow.is_set():
            inside.set()
            time.sleep(connect_seconds)
        return plain()

    pool = module.ConnectionPool(factory, 3)
    first = pool.acquire()
    slow.set()
    result: dict = {}

    def connect() -> None:
        try:
            result["slow_conn"] = pool.acquire(timeout=JOIN_TIMEOUT).id
        except Exception as exc:
            result["slow_conn"] = type(exc).__name__

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    inside.wait(JOIN_TIMEOUT)
    started = time.monotonic()
    pool.release(first)
    again = pool.acquire(timeout=0)
    counts = [pool.in_use(), pool.idle()]
    elapsed = time.monotonic() - started
    thread.join(JOIN_TIMEOUT)
    return {"reused": again is first, "counts_during_connect": counts, "slow_conn": result.get("slow_conn"),
            "not_blocked_by_connect": elapsed < connect_seconds / 3}


def slow_connect_stampede(module, max_connections: int, threads: int, connect_seconds: float) -> dict:
    """`threads` threads (released together by a barrier) acquire from an empty pool whose
    factory is slow: a slot must be reserved *before* factory() is called (outside the lock), or
    every thread sees a free slot and more than `max_connections` get created."""
    threading.stack_size(THREAD_STACK_BYTES)
    plain = _Factory()

    def factory():
        time.sleep(connect_seconds)
        return plain()

    pool = module.ConnectionPool(factory, max_connections)
    barrier = threading.Barrier(threads)
    got: list = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(JOIN_TIMEOUT)
            conn = pool.acquire(timeout=connect_seconds * threads + 2)
            with lock:
                got.append(conn.id)
            time.sleep(connect_seconds / 2)
            pool.release(conn)
        except Exception as exc:
            with lock:
                got.append(type(exc).__name__)

    pool_threads = [threading.Thread(target=worker, daemon=True) for _ in range(threads)]
    for thread in pool_threads:
        thread.start()
    for thread in pool_threads:
        thread.join(JOIN_TIMEOUT * 2)
    return {"created": len(plain.created), "acquired": sum(isinstance(x, int) for x in got),
            "errors": sorted({x for x in got if isinstance(x, str)}),
            "hung": sum(thread.is_alive() for thread in pool_threads)}


def timeout_honoured(module, timeout: float, release_after: float | None) -> dict:
    """acquire(timeout) on an exhausted pool: with a release after `release_after` seconds (less
    than the timeout) it returns that connection; without one it raises PoolExhausted after about
    `timeout` seconds (observed with a wide margin: between 0.5x and timeout + 0.6 s)."""
    threading.stack_size(THREAD_STACK_BYTES)
    pool = module.ConnectionPool(_Factory(), 1)
    held = pool.acquire()
    if release_after is not None:
        timer = threading.Timer(release_after, pool.release, args=(held,))
        timer.daemon = True
        timer.start()
    started = time.monotonic()
    try:
        got = pool.acquire(timeout=timeout)
        outcome = "reused" if got is held else "another"
    except Exception as exc:
        outcome = type(exc).__name__
    elapsed = time.monotonic() - started
    within = (timeout * 0.5 <= elapsed <= timeout + 0.6) if release_after is None else elapsed < timeout + 0.6
    return {"outcome": outcome, "on_time": within}


def signature(module) -> dict:
    """`ConnectionPool(factory, max_connections, *, validate=None, max_idle_seconds=None, clock=...)`:
    the first two may be passed by keyword; the rest are keyword-only."""
    outcomes = {}
    try:
        pool = module.ConnectionPool(factory=_Factory(), max_connections=2)
        outcomes["keywords"] = pool.acquire(timeout=0).id
    except Exception as exc:
        outcomes["keywords"] = type(exc).__name__
    try:
        module.ConnectionPool(_Factory(), 2, lambda conn: True)
        outcomes["validate_positional"] = "accepted"
    except TypeError:
        outcomes["validate_positional"] = "TypeError"
    return outcomes
