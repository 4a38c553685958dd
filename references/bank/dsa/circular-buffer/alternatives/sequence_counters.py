# alternative: two monotonically increasing sequence numbers (read_seq, write_seq) mapped to slots with modulo, guarded by an RLock.
import threading
from typing import Any


class BufferFullError(Exception):
    """put(overwrite=False) on a full buffer."""


class BufferEmptyError(Exception):
    """get() or peek() on an empty buffer."""


class CircularBuffer:
    def __init__(self, size: int) -> None:
        if not size >= 1:
            raise ValueError("size must be >= 1")
        self._n = size
        self._data = [None] * size
        self._read = 0    # sequence number of the oldest element
        self._write = 0   # sequence number the next element gets
        self._mutex = threading.RLock()

    def put(self, item: Any, overwrite: bool = False) -> None:
        with self._mutex:
            if self._write - self._read >= self._n:
                if not overwrite:
                    raise BufferFullError()
                self._read += 1
            self._data[self._write % self._n] = item
            self._write += 1

    def get(self) -> Any:
        with self._mutex:
            if self._write == self._read:
                raise BufferEmptyError()
            i = self._read % self._n
            item = self._data[i]
            self._data[i] = None
            self._read += 1
            return item

    def peek(self) -> Any:
        with self._mutex:
            if self._write == self._read:
                raise BufferEmptyError()
            return self._data[self._read % self._n]

    def __len__(self) -> int:
        with self._mutex:
            return self._write - self._read

    def is_full(self) -> bool:
        with self._mutex:
            return self._write - self._read == self._n

    def to_list(self) -> list:
        with self._mutex:
            return [self._data[s % self._n] for s in range(self._read, self._write)]
