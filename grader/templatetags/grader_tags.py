"""Small filters for showing results: memory in KiB/MiB and JSON values."""

import json

from django import template

register = template.Library()


@register.filter
def filesizeformat_kb(kilobytes) -> str:
    try:
        kilobytes = int(kilobytes)
    except (TypeError, ValueError):
        return ""
    if kilobytes >= 1024:
        return f"{kilobytes / 1024:.1f} MiB"
    return f"{kilobytes} KiB"


@register.filter
def pretty_json(value) -> str:
    text = json.dumps(value, indent=None, sort_keys=True, default=str)
    return text if len(text) <= 2000 else text[:1999] + "…"
