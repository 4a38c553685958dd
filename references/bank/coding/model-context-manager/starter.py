class ModelContext:
    """Loads a model on enter and always cleans it up on exit.

    __enter__: model = loader(model_path); returns it; RuntimeError if already active.
    __exit__: model.cleanup() exactly once; ctx.model = None; never suppresses the body's
    exception; a cleanup error propagates only if the body did not raise.
    """

    def __init__(self, model_path, loader):
        raise NotImplementedError

    def __enter__(self):
        raise NotImplementedError

    def __exit__(self, exc_type, exc, traceback):
        raise NotImplementedError
