"""Defensive handling of everything that comes back from a sandbox (host side).

Whatever a case produced is hostile data: it is bounded (bytes, nesting depth, item count)
and made safe to store before anything else looks at it. Text is made safe for every
database we support: PostgreSQL refuses NUL in ``text`` and ``jsonb`` and any text that is
not valid UTF-8 (a lone surrogate), so those are shown escaped (``\\x00``, ``\\udc80``).
"""

from __future__ import annotations

import json

#: Deepest JSON nesting accepted in an observation's value. The harness encodes at most 100
#: levels of Python nesting; a tuple adds one level (``{"$tuple": [...]}``), so 256 leaves room.
MAX_DEPTH = 256
#: Most scalars + containers accepted in one value (the encoded value is at most 1 MiB anyway).
MAX_ITEMS = 300_000


class HostileValue(ValueError):
    """A value over the bounds (too deep, too many items) or of a type JSON does not have."""


def safe_text(text: str) -> str:
    """``text`` with NUL and lone surrogates shown escaped; unchanged when it is already safe."""
    if not isinstance(text, str):
        text = str(text)
    if text.isascii():
        return text.replace("\x00", "\\x00") if "\x00" in text else text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text.replace("\x00", "\\x00") if "\x00" in text else text


def safe_value(value, *, max_depth: int = MAX_DEPTH, max_items: int = MAX_ITEMS):
    """A copy of a JSON value with every string (keys too) made safe; raises HostileValue
    when it is nested deeper than ``max_depth``, holds more than ``max_items`` items, or
    holds something JSON does not have. Iterative: no recursion for a hostile document to exhaust."""
    count = 0
    root: list = [None]
    stack = [(value, root, 0, 1)]     # (value, container to fill, key/index in it, depth)
    while stack:
        item, parent, slot, depth = stack.pop()
        count += 1
        if count > max_items:
            raise HostileValue(f"the value holds more than {max_items} items")
        if depth > max_depth:
            raise HostileValue(f"the value is nested more than {max_depth} levels deep")
        if item is None or isinstance(item, (bool, int, float)):
            parent[slot] = item
        elif isinstance(item, str):
            parent[slot] = safe_text(item)
        elif isinstance(item, list):
            copy = [None] * len(item)
            parent[slot] = copy
            for index in range(len(item) - 1, -1, -1):
                stack.append((item[index], copy, index, depth + 1))
        elif isinstance(item, dict):
            copy = {}
            parent[slot] = copy
            for key, sub in item.items():
                key = safe_text(key) if isinstance(key, str) else safe_text(str(key))
                copy[key] = None
                stack.append((sub, copy, key, depth + 1))
        else:
            raise HostileValue(f"the value holds a {type(item).__name__}, which JSON does not have")
    return root[0]


def loads_bounded(data: bytes | str, *, max_bytes: int):
    """``json.loads`` that raises nothing but HostileValue (the C decoder turns a deep document
    into RecursionError, caught here); check the result's depth and size with ``safe_value``."""
    if len(data) > max_bytes:
        raise HostileValue(f"the document is {len(data)} bytes; the limit is {max_bytes}")
    try:
        return json.loads(data)
    except (ValueError, RecursionError, MemoryError) as exc:
        raise HostileValue(f"the document is not valid JSON ({type(exc).__name__})") from None

