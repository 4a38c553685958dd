# mutant: treats stored falsy values (0, "", None) as misses; also accepts capacity 0 silently
from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        self.capacity = max(capacity, 1)
        self.data = OrderedDict()

    def get(self, key):
        value = self.data.get(key)
        if not value:
            return -1
        self.data.move_to_end(key)
        return value

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        elif len(self.data) == self.capacity:
            self.data.popitem(last=False)
        self.data[key] = value

    def __len__(self):
        return len(self.data)
