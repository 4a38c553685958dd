# mutant: a generated code overwrites a custom alias that already holds it
"""Base62 codes and an in-memory URL shortener (canonical solution)."""

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_BASE = len(ALPHABET)
_MAX_ALIAS = 16


def encode(n: int) -> str:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("n must be an int")
    if n < 0:
        raise ValueError("n must be >= 0")
    if n == 0:
        return ALPHABET[0]
    digits = []
    while n:
        n, remainder = divmod(n, _BASE)
        digits.append(ALPHABET[remainder])
    return "".join(reversed(digits))


def decode(code: str) -> int:
    if not isinstance(code, str):
        raise TypeError("code must be a str")
    if not code:
        raise ValueError("code must not be empty")
    value = 0
    for ch in code:
        digit = _VALUE.get(ch)
        if digit is None:
            raise ValueError(f"invalid character {ch!r}")
        value = value * _BASE + digit
    return value


def _check_url(url: object) -> None:
    if not isinstance(url, str):
        raise ValueError("url must be a str")
    for prefix in ("http://", "https://"):
        if url.startswith(prefix) and len(url) > len(prefix):
            return
    raise ValueError("url must start with http:// or https://")


class Shortener:
    def __init__(self) -> None:
        self._next_id = 1
        self._url_by_code: dict[str, str] = {}
        self._generated_code_by_url: dict[str, str] = {}

    def shorten(self, url: str, alias: str | None = None) -> str:
        _check_url(url)
        if alias is not None:
            if (not isinstance(alias, str) or not 1 <= len(alias) <= _MAX_ALIAS
                    or any(ch not in _VALUE for ch in alias)):
                raise ValueError("alias must be 1-16 base62 characters")
            existing = self._url_by_code.get(alias)
            if existing is not None and existing != url:
                raise KeyError(alias)
            self._url_by_code[alias] = url
            return alias
        code = self._generated_code_by_url.get(url)
        if code is not None:
            return code
        code = encode(self._next_id)
        self._next_id += 1
        self._url_by_code[code] = url
        self._generated_code_by_url[url] = code
        return code

    def resolve(self, code: str) -> str:
        return self._url_by_code[code]
