# mutant: keeps a size counter that is incremented on every put, even when overwriting an existing key
import threading


class StripedHashMap:
    def __init__(self, stripes=16):
        if stripes < 1:
            raise ValueError("stripes must be >= 1")
        self.segments = [{} for _ in range(stripes)]
        self.locks = [threading.Lock() for _ in range(stripes)]
        self.sizes = [0] * stripes

    def _index(self, key):
        return hash(key) % len(self.segments)

    def put(self, key, value):
        i = self._index(key)
        with self.locks[i]:
            self.segments[i][key] = value
            self.sizes[i] += 1

    def get(self, key, default=None):
        i = self._index(key)
        with self.locks[i]:
            return self.segments[i].get(key, default)

    def remove(self, key):
        i = self._index(key)
        with self.locks[i]:
            value = self.segments[i].pop(key)
            self.sizes[i] -= 1
            return value

    def increment(self, key, delta=1):
        i = self._index(key)
        with self.locks[i]:
            if key not in self.segments[i]:
                self.sizes[i] += 1
            value = self.segments[i].get(key, 0) + delta
            self.segments[i][key] = value
            return value

    def __contains__(self, key):
        i = self._index(key)
        with self.locks[i]:
            return key in self.segments[i]

    def __len__(self):
        return sum(self.sizes)

    def snapshot(self):
        copy = {}
        for segment, lock in zip(self.segments, self.locks):
            with lock:
                copy.update(segment)
        return copy
