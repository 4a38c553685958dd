# mutant: __exit__ returns True, silently suppressing exceptions raised in the with body.


class ModelContext:
    """Loads a model on enter and always cleans it up on exit."""

    def __init__(self, model_path, loader):
        self.model_path = model_path
        self.loader = loader
        self.model = None
        self._active = False

    def __enter__(self):
        if self._active:
            raise RuntimeError("ModelContext is already active")
        model = self.loader(self.model_path)
        self.model = model
        self._active = True
        return model

    def __exit__(self, exc_type, exc, traceback):
        model = self.model
        self.model = None
        self._active = False
        try:
            model.cleanup()
        except Exception:
            if exc_type is None:
                raise
            # the body's exception is more important: let it propagate
        return True
