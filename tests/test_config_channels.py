"""The channel layer is Redis: a message really travels through the server."""

from __future__ import annotations

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from channels_redis.core import RedisChannelLayer


def test_channel_layer_message_round_trips_through_redis(redis_url: str) -> None:
    layer = get_channel_layer()
    assert isinstance(layer, RedisChannelLayer)

    async def send_to_group_and_receive() -> dict:
        channel = await layer.new_channel()
        await layer.group_add("submission-1", channel)
        await layer.group_send("submission-1", {"type": "case.result", "verdict": "AC"})
        message = await layer.receive(channel)
        await layer.group_discard("submission-1", channel)
        await layer.close_pools()
        return message

    assert async_to_sync(send_to_group_and_receive)() == {"type": "case.result", "verdict": "AC"}


def test_channel_layer_uses_the_test_redis(redis_url: str) -> None:
    import redis

    layer = get_channel_layer()

    async def send_and_count_keys() -> int:
        await layer.send("specific.probe", {"type": "probe"})
        await layer.close_pools()
        return len(redis.Redis.from_url(redis_url).keys(f"{layer.prefix}*"))

    assert async_to_sync(send_and_count_keys)() >= 1


@pytest.fixture(autouse=True)
def _fresh_layer(redis_url: str) -> None:
    # Layers are cached per process; each test gets a layer bound to its own event loop.
    from channels.layers import channel_layers

    channel_layers.backends = {}
