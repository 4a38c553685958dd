# mutant: loaded() lists every name ever requested (the per-name lock table), including names whose loader raised.
import threading

_MISSING = object()


class SingletonMeta(type):
    """Metaclass giving each class that uses it exactly one (lazily created) instance."""

    _instances = {}
    _locks = {}
    _locks_guard = threading.Lock()

    def __call__(cls, *args, **kwargs):
        instance = SingletonMeta._instances.get(cls, _MISSING)
        if instance is not _MISSING:
            return instance
        lock = SingletonMeta._locks.get(cls)
        if lock is None:
            with SingletonMeta._locks_guard:
                lock = SingletonMeta._locks.setdefault(cls, threading.RLock())
        with lock:
            instance = SingletonMeta._instances.get(cls, _MISSING)
            if instance is _MISSING:
                instance = super().__call__(*args, **kwargs)
                SingletonMeta._instances[cls] = instance
        return instance


class ModelManager(metaclass=SingletonMeta):
    """The process-wide model cache. ModelManager() always returns the same object."""

    def __init__(self):
        self._models = {}
        self._name_locks = {}
        self._guard = threading.Lock()

    def get_model(self, name, loader):
        """Return the model cached under `name`, calling loader() once on first use."""
        model = self._models.get(name, _MISSING)
        if model is not _MISSING:
            return model
        with self._guard:
            lock = self._name_locks.get(name)
            if lock is None:
                lock = self._name_locks[name] = threading.Lock()
        with lock:
            model = self._models.get(name, _MISSING)
            if model is _MISSING:
                model = loader()
                with self._guard:
                    self._models[name] = model
        return model

    def loaded(self):
        """Return the sorted list of names whose models are cached."""
        with self._guard:
            return sorted(self._name_locks)
