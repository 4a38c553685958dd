# alternative: the instance and its lock live in each class's own __dict__ (set up in the metaclass __init__); ModelManager coordinates loads with a Condition and an in-progress set.
import threading


class SingletonMeta(type):
    """Metaclass giving each class that uses it exactly one (lazily created) instance."""

    def __init__(cls, name, bases, namespace, **kwargs):
        super().__init__(name, bases, namespace, **kwargs)
        # stored in cls.__dict__ so subclasses never see their parent's instance
        type.__setattr__(cls, "_SingletonMeta__lock", threading.Lock())
        type.__setattr__(cls, "_SingletonMeta__has_instance", False)

    def __call__(cls, *args, **kwargs):
        own = cls.__dict__
        if own["_SingletonMeta__has_instance"]:
            return own["_SingletonMeta__instance"]
        with own["_SingletonMeta__lock"]:
            if not cls.__dict__["_SingletonMeta__has_instance"]:
                instance = type.__call__(cls, *args, **kwargs)
                type.__setattr__(cls, "_SingletonMeta__instance", instance)
                type.__setattr__(cls, "_SingletonMeta__has_instance", True)
        return cls.__dict__["_SingletonMeta__instance"]


class ModelManager(metaclass=SingletonMeta):
    """The process-wide model cache. ModelManager() always returns the same object."""

    def __init__(self):
        self._cond = threading.Condition()
        self._cache = {}
        self._loading = set()

    def get_model(self, name, loader):
        """Return the model cached under `name`, calling loader() once on first use."""
        with self._cond:
            while True:
                if name in self._cache:
                    return self._cache[name]
                if name not in self._loading:
                    self._loading.add(name)
                    break
                self._cond.wait()
        try:
            model = loader()
        except BaseException:
            with self._cond:
                self._loading.discard(name)
                self._cond.notify_all()
            raise
        with self._cond:
            self._cache[name] = model
            self._loading.discard(name)
            self._cond.notify_all()
        return model

    def loaded(self):
        """Return the sorted list of names whose models are cached."""
        with self._cond:
            return sorted(self._cache)
