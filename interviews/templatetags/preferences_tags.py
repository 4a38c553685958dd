"""The signed-in user's display preferences (issue #15), for every page: `{% user_preferences as prefs %}`."""

from django import template

from interviews.models import FONT_SIZES, Keybinding
from interviews.selectors import user_preferences as select_user_preferences

register = template.Library()


@register.simple_tag(takes_context=True)
def user_preferences(context):
    """The preferences (cached on the request: base.html and the room both ask)."""
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if request is None:
        return select_user_preferences(user=user)
    if not hasattr(request, "_onsite_preferences"):
        request._onsite_preferences = select_user_preferences(user=user)
    return request._onsite_preferences


@register.simple_tag
def keybinding_choices():
    return Keybinding.choices


@register.simple_tag
def font_sizes():
    return FONT_SIZES
