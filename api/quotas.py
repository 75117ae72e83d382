"""Per-trainer quotas on uploads and reruns, so one key cannot fill the queue for everyone.

Counted in a moving window by the ``limits`` library: in Redis where the
service runs with a queue (every API process and host shares the count), in
the process's memory in the embedded default (one process). A quota used up
answers 429 with ``Retry-After``: the seconds until the oldest counted request
leaves the window. Administrators (bulk imports for trainers) are not counted.
If Redis does not answer, the request is let through: the queue outage is
handled elsewhere and must not also refuse uploads.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.storage import MemoryStorage, RedisStorage
from limits.strategies import MovingWindowRateLimiter

from ingest.errors import TooManyRequests
from ingest.settings import Settings
from store.keys import Principal
from store.models import Role

log = logging.getLogger(__name__)


class Quotas:
    def __init__(self, settings: Settings) -> None:
        storage = (
            RedisStorage(
                settings.redis_url,
                key_prefix=f"certverify-quota:{settings.queue_name}",
                socket_timeout=2,
                socket_connect_timeout=2,
            )
            if settings.redis_url
            else MemoryStorage()
        )
        self.limiter = MovingWindowRateLimiter(storage)
        self.items: dict[str, RateLimitItem] = {
            "upload": parse(settings.upload_quota),
            "rerun": parse(settings.rerun_quota),
        }

    def take(self, action: str, who: Principal) -> None:
        """Count one ``action`` ("upload" or "rerun") for the caller's trainer; 429 when used up."""
        if who.role is not Role.TRAINER or not who.trainer_id:
            return
        item = self.items[action]
        try:
            if self.limiter.hit(item, action, who.trainer_id):
                return
            reset_at = self.limiter.get_window_stats(item, action, who.trainer_id).reset_time
        except Exception:  # Redis down or blinking: let the request through
            log.warning("quota for %s not counted", action, exc_info=True)
            return
        wait_s = max(1, math.ceil(reset_at - time.time()))
        raise TooManyRequests(
            f"You sent more than {item.amount} {action}s in {_window(item)}. "
            f"Try again in {_duration(wait_s)}; what you sent before is kept and read in turn.",
            retry_after_s=wait_s,
        )


def _window(item: RateLimitItem) -> str:
    seconds = item.get_expiry()
    return _duration(seconds)


def _duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 7200:
        return f"{round(seconds / 60)} minutes"
    return f"{round(seconds / 3600)} hours"
