# alternative: fixed-width buffer encoder and a 128-entry ord() lookup table for decoding; custom aliases and generated codes kept in separate dicts, checked together.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_TABLE = [-1] * 128
for _i, _c in enumerate(ALPHABET):
    _TABLE[ord(_c)] = _i
del _i, _c


def encode(n: int) -> str:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("not an int")
    if n < 0:
        raise ValueError("negative")
    # fill a fixed-size buffer from the right
    width = 1
    p = 62
    while p <= n:
        p *= 62
        width += 1
    buf = ["0"] * width
    pos = width - 1
    while n:
        buf[pos] = ALPHABET[n % 62]
        n //= 62
        pos -= 1
    return "".join(buf)


def _is_code(s):
    for ch in s:
        o = ord(ch)
        if o >= 128 or _TABLE[o] < 0:
            return False
    return True


def decode(code: str) -> int:
    if not isinstance(code, str):
        raise TypeError("not a str")
    if code == "":
        raise ValueError("empty")
    total = 0
    for ch in code:
        o = ord(ch)
        if o >= 128 or _TABLE[o] < 0:
            raise ValueError("bad char %r" % ch)
        total = total * 62 + _TABLE[o]
    return total


class Shortener:
    _PREFIXES = ("https://", "http://")

    def __init__(self) -> None:
        self._counter = 1
        self._generated = {}   # code -> url (ids)
        self._aliases = {}     # code -> url (custom)
        self._plain = {}       # url -> generated code

    def _taken(self, code):
        return code in self._generated or code in self._aliases

    def shorten(self, url: str, alias: str | None = None) -> str:
        if not isinstance(url, str):
            raise ValueError("url must be a str")
        prefix = next((p for p in self._PREFIXES if url.startswith(p)), None)
        if prefix is None or len(url) == len(prefix):
            raise ValueError("bad url")
        if alias is not None:
            if not isinstance(alias, str) or len(alias) == 0 or len(alias) > 16 or not _is_code(alias):
                raise ValueError("bad alias")
            current = self._aliases.get(alias, self._generated.get(alias))
            if current is None:
                self._aliases[alias] = url
                return alias
            if current != url:
                raise KeyError(alias)
            return alias
        if url in self._plain:
            return self._plain[url]
        while True:
            i = self._counter
            self._counter = i + 1
            code = encode(i)
            if not self._taken(code):
                self._generated[code] = url
                self._plain[url] = code
                return code

    def resolve(self, code: str) -> str:
        if code in self._aliases:
            return self._aliases[code]
        if code in self._generated:
            return self._generated[code]
        raise KeyError(code)
