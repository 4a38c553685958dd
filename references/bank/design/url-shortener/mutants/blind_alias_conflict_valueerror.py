# mutant: an alias that maps to a different URL raises ValueError instead of KeyError.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE = {c: i for i, c in enumerate(ALPHABET)}


def encode(n: int) -> str:
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError("n must be an int")
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return "0"
    digits = []
    while n:
        n, r = divmod(n, 62)
        digits.append(ALPHABET[r])
    return "".join(reversed(digits))


def decode(code: str) -> int:
    if not isinstance(code, str):
        raise TypeError("code must be a str")
    if not code:
        raise ValueError("empty code")
    n = 0
    for c in code:
        v = _VALUE.get(c)
        if v is None:
            raise ValueError(f"invalid character {c!r}")
        n = n * 62 + v
    return n


def _valid_url(url):
    if not isinstance(url, str):
        return False
    for prefix in ("http://", "https://"):
        if url.startswith(prefix) and len(url) > len(prefix):
            return True
    return False


class Shortener:
    def __init__(self) -> None:
        self._next_id = 1
        self._by_code = {}
        self._auto_code = {}

    def shorten(self, url: str, alias: str | None = None) -> str:
        if not _valid_url(url):
            raise ValueError("invalid url")
        if alias is None:
            code = self._auto_code.get(url)
            if code is not None:
                return code
            while True:
                code = encode(self._next_id)
                self._next_id += 1
                if code not in self._by_code:
                    break
            self._by_code[code] = url
            self._auto_code[url] = code
            return code
        if not isinstance(alias, str) or not 1 <= len(alias) <= 16 or any(c not in _VALUE for c in alias):
            raise ValueError("invalid alias")
        existing = self._by_code.get(alias)
        if existing is None:
            self._by_code[alias] = url
            return alias
        if existing == url:
            return alias
        raise ValueError(alias)

    def resolve(self, code: str) -> str:
        return self._by_code[code]
