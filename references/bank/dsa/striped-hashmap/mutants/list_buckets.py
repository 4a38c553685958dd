# mutant: each segment is a list of (key, value) pairs searched linearly: O(n / stripes) per operation
import threading


class StripedHashMap:
    def __init__(self, stripes=16):
        if stripes < 1:
            raise ValueError("stripes must be >= 1")
        self.buckets = [[] for _ in range(stripes)]
        self.locks = [threading.Lock() for _ in range(stripes)]

    def _bucket(self, key):
        index = hash(key) % len(self.buckets)
        return self.buckets[index], self.locks[index]

    @staticmethod
    def _find(bucket, key):
        for i, (k, _) in enumerate(bucket):
            if k == key:
                return i
        return -1

    def put(self, key, value):
        bucket, lock = self._bucket(key)
        with lock:
            i = self._find(bucket, key)
            if i >= 0:
                bucket[i] = (key, value)
            else:
                bucket.append((key, value))

    def get(self, key, default=None):
        bucket, lock = self._bucket(key)
        with lock:
            i = self._find(bucket, key)
            return bucket[i][1] if i >= 0 else default

    def remove(self, key):
        bucket, lock = self._bucket(key)
        with lock:
            i = self._find(bucket, key)
            if i < 0:
                raise KeyError(key)
            return bucket.pop(i)[1]

    def increment(self, key, delta=1):
        bucket, lock = self._bucket(key)
        with lock:
            i = self._find(bucket, key)
            value = (bucket[i][1] if i >= 0 else 0) + delta
            if i >= 0:
                bucket[i] = (key, value)
            else:
                bucket.append((key, value))
            return value

    def __contains__(self, key):
        bucket, lock = self._bucket(key)
        with lock:
            return self._find(bucket, key) >= 0

    def __len__(self):
        return sum(len(bucket) for bucket in self.buckets)

    def snapshot(self):
        copy = {}
        for bucket, lock in zip(self.buckets, self.locks):
            with lock:
                copy.update(bucket)
        return copy
