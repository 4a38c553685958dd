"""Concurrent hash map with lock striping: N dicts, N locks, key -> segment by hash."""

import threading
from collections.abc import Hashable
from typing import Any


class StripedHashMap:
    """A thread-safe map split into ``stripes`` segments, each with its own lock."""

    def __init__(self, stripes: int = 16) -> None:
        if stripes < 1:
            raise ValueError(f"stripes must be >= 1, got {stripes}")
        self._segments: list[dict] = [{} for _ in range(stripes)]
        self._locks = [threading.Lock() for _ in range(stripes)]

    def _segment(self, key: Hashable) -> tuple[dict, threading.Lock]:
        index = hash(key) % len(self._segments)
        return self._segments[index], self._locks[index]

    def put(self, key: Hashable, value: Any) -> None:
        segment, lock = self._segment(key)
        with lock:
            segment[key] = value

    def get(self, key: Hashable, default: Any = None) -> Any:
        segment, lock = self._segment(key)
        with lock:
            return segment.get(key, default)

    def remove(self, key: Hashable) -> Any:
        segment, lock = self._segment(key)
        with lock:
            return segment.pop(key)  # raises KeyError when absent

    def increment(self, key: Hashable, delta: int = 1) -> int:
        segment, lock = self._segment(key)
        with lock:  # read-modify-write must be one critical section
            value = segment.get(key, 0) + delta
            segment[key] = value
            return value

    def __contains__(self, key: Hashable) -> bool:
        segment, lock = self._segment(key)
        with lock:
            return key in segment

    def __len__(self) -> int:
        total = 0
        for segment, lock in zip(self._segments, self._locks):
            with lock:
                total += len(segment)
        return total

    def snapshot(self) -> dict:
        copy: dict = {}
        for segment, lock in zip(self._segments, self._locks):
            with lock:
                copy.update(segment)
        return copy
