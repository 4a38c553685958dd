"""Concurrent and structural uses of SingletonMeta and ModelManager; observations only."""

import sys
import threading
import time


def _run_threads(count, target):
    barrier = threading.Barrier(count)
    results = [None] * count
    errors = []

    def worker(index):
        barrier.wait()
        try:
            results[index] = target()
        except Exception as error:  # observed, not judged here
            errors.append(type(error).__name__)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def race(module, threads, rounds, init_seconds):
    sys.setswitchinterval(1e-6)
    rounds_with_many_instances = 0
    rounds_with_many_inits = 0
    all_errors = []
    for _ in range(rounds):
        calls = []

        class Heavy(metaclass=module.SingletonMeta):
            def __init__(self):
                calls.append(1)
                time.sleep(init_seconds)  # a slow load widens the race window
                self.ready = True

        instances, errors = _run_threads(threads, Heavy)
        all_errors.extend(errors)
        if len({id(instance) for instance in instances}) > 1:
            rounds_with_many_instances += 1
        if len(calls) > 1:
            rounds_with_many_inits += 1
        if not all(getattr(instance, "ready", False) for instance in instances):
            all_errors.append("uninitialised")
    return {
        "rounds_with_many_instances": rounds_with_many_instances,
        "rounds_with_many_inits": rounds_with_many_inits,
        "errors": sorted(set(all_errors)),
    }


def sequential(module):
    init_args = []

    class Config(metaclass=module.SingletonMeta):
        def __init__(self, value=0):
            init_args.append(value)
            self.value = value

    first = Config(1)
    second = Config(2)
    third = Config()
    return {
        "same": first is second is third,
        "value": third.value,
        "init_args": init_args,
        "type": type(first).__name__,
    }


def subclasses(module, parent_first):
    inits = []

    class Base(metaclass=module.SingletonMeta):
        def __init__(self):
            inits.append(type(self).__name__)

    class Child(Base):
        pass

    if parent_first:
        base = Base()
        child = Child()
    else:
        child = Child()
        base = Base()
    Child()
    Base()
    return {
        "child_type": type(child).__name__,
        "base_type": type(base).__name__,
        "distinct": child is not base,
        "child_stable": Child() is child,
        "base_stable": Base() is base,
        "inits": sorted(inits),
    }


def init_fails_once(module):
    attempts = []

    class Flaky(metaclass=module.SingletonMeta):
        def __init__(self):
            attempts.append(1)
            if len(attempts) == 1:
                raise OSError("weights not downloaded yet")
            self.ready = True

    try:
        Flaky()
        first = "returned"
    except Exception as error:
        first = type(error).__name__
    second = Flaky()
    return {
        "first": first,
        "second_ready": getattr(second, "ready", False),
        "attempts": len(attempts),
        "then_same": Flaky() is second,
    }


def nested(module):
    class Tokenizer(metaclass=module.SingletonMeta):
        pass

    class Pipeline(metaclass=module.SingletonMeta):
        def __init__(self):
            self.tokenizer = Tokenizer()

    result = {}

    def build():
        pipeline = Pipeline()
        result["shared"] = pipeline.tokenizer is Tokenizer()

    thread = threading.Thread(target=build, daemon=True)
    thread.start()
    thread.join(timeout=2.0)
    return {"finished": not thread.is_alive(), "shared": result.get("shared")}


def many_classes(module, classes, calls_each):
    registry = []
    for index in range(classes):
        registry.append(module.SingletonMeta(f"Model{index}", (), {}))
    distinct = set()
    for _ in range(calls_each):
        for cls in registry:
            distinct.add(id(cls()))
    return {"distinct_instances": len(distinct)}


def manager_basics(module):
    first = module.ModelManager()
    second = module.ModelManager()
    loads = []

    def load_bert():
        loads.append("bert")
        return {"name": "bert"}

    def load_nothing():
        loads.append("none")
        return None

    bert = first.get_model("bert", load_bert)
    again = second.get_model("bert", lambda: 1 / 0)
    empty = first.get_model("empty", load_nothing)
    empty_again = first.get_model("empty", load_nothing)
    return {
        "same_manager": first is second,
        "bert_cached": bert is again,
        "empty": [empty, empty_again],
        "loads": loads,
        "loaded": second.loaded(),
    }


def manager_loader_fails(module):
    manager = module.ModelManager()
    attempts = []

    def flaky():
        attempts.append(1)
        if len(attempts) == 1:
            raise TimeoutError("storage timed out")
        return "weights"

    try:
        manager.get_model("llama", flaky)
        first = "returned"
    except Exception as error:
        first = type(error).__name__
    loaded_after_failure = manager.loaded()
    second = manager.get_model("llama", flaky)
    return {"first": first, "loaded_after_failure": loaded_after_failure,
            "second": second, "attempts": len(attempts), "loaded": manager.loaded()}


def manager_race(module, threads, rounds, load_seconds):
    sys.setswitchinterval(1e-6)
    manager = module.ModelManager()
    rounds_with_many_loads = 0
    rounds_with_many_models = 0
    for round_index in range(rounds):
        loads = []

        def loader():
            loads.append(1)
            time.sleep(load_seconds)
            return object()

        name = f"model-{round_index}"
        models, _ = _run_threads(threads, lambda: manager.get_model(name, loader))
        if len(loads) > 1:
            rounds_with_many_loads += 1
        if len({id(model) for model in models}) > 1:
            rounds_with_many_models += 1
    return {
        "rounds_with_many_loads": rounds_with_many_loads,
        "rounds_with_many_models": rounds_with_many_models,
        "loaded_count": len(manager.loaded()),
    }


def falsy_instance(module):
    """A singleton whose instance is falsy (an empty registry with __len__ == 0) is still created
    once: later calls return it without running __init__ again."""
    inits = []

    class Registry(metaclass=module.SingletonMeta):
        def __init__(self):
            inits.append(1)

        def __len__(self):
            return 0

    first, second, third = Registry(), Registry(), Registry()
    return {"same": first is second is third, "inits": len(inits), "falsy": not first}


def existing_not_blocked_by_slow_init(module, init_seconds: float) -> dict:
    """While one thread runs a slow __init__ of class Slow, calling an already-created singleton
    of another class returns at once (no lock on the fast path)."""
    class Ready(metaclass=module.SingletonMeta):
        pass

    started = threading.Event()

    class Slow(metaclass=module.SingletonMeta):
        def __init__(self):
            started.set()
            time.sleep(init_seconds)

    ready = Ready()
    thread = threading.Thread(target=Slow, daemon=True)
    thread.start()
    started.wait(5)
    begin = time.monotonic()
    again = Ready()
    elapsed = time.monotonic() - begin
    thread.join(5)
    return {"same": again is ready, "not_blocked": elapsed < init_seconds / 3, "slow_done": not thread.is_alive()}
