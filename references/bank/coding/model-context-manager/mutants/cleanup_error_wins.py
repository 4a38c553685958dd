# mutant: lets a cleanup error replace the body's exception
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
        model.cleanup()
        return False
