"""Base62 codes and an in-memory URL shortener."""

ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


def encode(n: int) -> str:
    """Return the base-62 string of n >= 0, most significant digit first, no leading zeros.

    encode(0) == "0". Raises TypeError if n is not an int (bool is rejected), ValueError if n < 0.
    """
    raise NotImplementedError


def decode(code: str) -> int:
    """Return the integer value of a base-62 string (leading zeros allowed).

    Raises TypeError if code is not a str, ValueError if it is empty or has a character
    outside ALPHABET.
    """
    raise NotImplementedError


class Shortener:
    """Maps short codes to URLs. Ids start at 1; codes are encode(id) unless a custom alias is given."""

    def __init__(self) -> None:
        raise NotImplementedError

    def shorten(self, url: str, alias: str | None = None) -> str:
        """Return the code for url.

        url must be a str starting with "http://" or "https://" and longer than the prefix,
        else ValueError. Without alias: the same code as a previous alias-less shorten of the
        same url, else encode(next id), skipping ids whose code is already taken (each tried id
        is consumed). With alias: 1-16 ALPHABET characters else ValueError; returns alias if it
        is free or already maps to url; raises KeyError if it maps to a different url.
        O(len(url)) on average.
        """
        raise NotImplementedError

    def resolve(self, code: str) -> str:
        """Return the url for code; raise KeyError if the code is unknown. O(1) on average."""
        raise NotImplementedError
