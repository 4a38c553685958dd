import threading


class SingletonMeta(type):
    """Metaclass giving each class that uses it exactly one (lazily created) instance.

    C(*args, **kwargs): the first call creates the instance and runs __init__ once; later
    calls return it and ignore their arguments. Thread-safe (one instance and one __init__
    under concurrent first calls), O(1) and lock-free once created. Subclasses get their own
    instance. If __init__ raises, nothing is stored and the exception propagates. An __init__
    may create another singleton without deadlocking.
    """

    def __call__(cls, *args, **kwargs):
        raise NotImplementedError


class ModelManager(metaclass=SingletonMeta):
    """The process-wide model cache. ModelManager() always returns the same object."""

    def __init__(self):
        raise NotImplementedError

    def get_model(self, name, loader):
        """Return the model cached under `name`, calling loader() once on first use.

        loader runs at most once per name, even concurrently; its return value (even None)
        is cached. If loader raises, the exception propagates and nothing is cached.
        """
        raise NotImplementedError

    def loaded(self):
        """Return the sorted list of names whose models are cached."""
        raise NotImplementedError
