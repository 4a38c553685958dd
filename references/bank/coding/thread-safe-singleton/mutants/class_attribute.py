# mutant: stores the instance in a class attribute, which subclasses inherit
import threading


class SingletonMeta(type):
    """Metaclass giving each class that uses it exactly one (lazily created) instance."""

    _instances = {}
    # Re-entrant: a singleton's __init__ may create another singleton on the same thread.
    _lock = threading.RLock()

    def __call__(cls, *args, **kwargs):
        # Fast path without the lock; a dict lookup is atomic under the GIL.
        instance = getattr(cls, "_singleton_instance", None)
        if instance is not None:
            return instance
        with SingletonMeta._lock:
            instance = getattr(cls, "_singleton_instance", None)
            if instance is None:
                instance = super().__call__(*args, **kwargs)
                cls._singleton_instance = instance
        return instance


class ModelManager(metaclass=SingletonMeta):
    """The process-wide model cache. ModelManager() always returns the same object."""

    def __init__(self):
        self._models = {}
        self._name_locks = {}
        self._lock = threading.Lock()

    def get_model(self, name, loader):
        """Return the model cached under `name`, calling loader() once on first use."""
        try:
            return self._models[name]
        except KeyError:
            pass
        with self._lock:
            name_lock = self._name_locks.setdefault(name, threading.Lock())
        # One lock per name: loading "bert" does not block threads asking for "resnet".
        with name_lock:
            if name not in self._models:
                self._models[name] = loader()
            return self._models[name]

    def loaded(self):
        """Return the sorted list of names whose models are cached."""
        with self._lock:
            return sorted(self._models)
