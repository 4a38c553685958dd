# alternative: each activation is a contextlib.contextmanager generator session whose try/except/else does the cleanup; the object only delegates to it.
import contextlib


class ModelContext:
    """Loads a model on enter and always cleans it up on exit."""

    def __init__(self, model_path, loader):
        self.model_path = model_path
        self.loader = loader
        self.model = None
        self._session = None

    @contextlib.contextmanager
    def _open(self):
        model = self.loader(self.model_path)
        self.model = model
        try:
            yield model
        except BaseException:
            try:
                model.cleanup()
            except Exception:
                pass
            finally:
                self.model = None
            raise
        else:
            try:
                model.cleanup()
            finally:
                self.model = None

    def __enter__(self):
        if self._session is not None:
            raise RuntimeError("context already entered")
        session = self._open()
        model = session.__enter__()  # if the loader raises, nothing is stored
        self._session = session
        return model

    def __exit__(self, exc_type, exc, traceback):
        session, self._session = self._session, None
        session.__exit__(exc_type, exc, traceback)
        return False
