import logging

logger = logging.getLogger(__name__)


class ModelContext:
    """Loads a model on enter and always cleans it up on exit."""

    def __init__(self, model_path, loader):
        self.model_path = model_path
        self._loader = loader
        self.model = None

    def __enter__(self):
        if self.model is not None:
            raise RuntimeError(f"ModelContext for {self.model_path!r} is already active")
        # If the loader raises, __exit__ is not called and nothing was acquired.
        self.model = self._loader(self.model_path)
        return self.model

    def __exit__(self, exc_type, exc, traceback):
        # Drop our reference first so the model can be freed even if cleanup fails.
        model, self.model = self.model, None
        try:
            model.cleanup()
        except Exception:
            if exc_type is None:
                raise
            # The body's exception is the one the caller needs; keep the cleanup failure in logs.
            logger.exception("cleanup of %s failed while handling %s", self.model_path, exc_type.__name__)
        return False
