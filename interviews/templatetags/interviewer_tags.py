"""Template tags of the interviewer features (issue #16): the room's hints panel."""

from django import template

from interviews import selectors

register = template.Library()


@register.inclusion_tag("interviews/_hints.html")
def hints_panel(item, read_only: bool = False) -> dict:
    return {"item": item, "hints": selectors.item_hints(item), "read_only": read_only}


@register.inclusion_tag("interviews/_followup.html")
def followup_panel(item, read_only: bool = False) -> dict:
    return {"item": item, "offer": selectors.item_followup_offer(item), "read_only": read_only}
