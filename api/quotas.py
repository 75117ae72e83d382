"""Quotas in a moving window: per trainer on uploads and reruns, so one key cannot fill the
queue for everyone; per address and per client on sign-in links, so the form cannot be used
to flood a mailbox or to send mail in bulk.

Counted by the ``limits`` library: in Redis where the service runs with a queue
(every API process and host shares the count), in the process's memory in the
embedded default (one process). A quota used up answers 429 with
``Retry-After``: the seconds until the oldest counted request leaves the window.
Administrators (bulk imports for trainers) are not counted. If Redis does not
answer, the request is let through: the queue outage is handled elsewhere and
must not also refuse uploads or sign-ins.
"""

from __future__ import annotations

import hashlib
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
            "link-address": parse(settings.sign_in_link_quota_per_address),
            "link-client": parse(settings.sign_in_link_quota_per_client),
        }

    def wait(self, action: str, who: str) -> int:
        """Count one ``action`` for ``who``: 0 when within the quota, else the seconds to wait
        (nothing counted then). 0 too when the count cannot be kept (Redis away)."""
        item = self.items[action]
        try:
            if self.limiter.hit(item, action, who):
                return 0
            reset_at = self.limiter.get_window_stats(item, action, who).reset_time
        except Exception:  # Redis down or blinking: let the request through
            log.warning("quota for %s not counted", action, exc_info=True)
            return 0
        return max(1, math.ceil(reset_at - time.time()))

    def take(self, action: str, who: Principal) -> None:
        """Count one ``action`` ("upload" or "rerun") for the caller's trainer; 429 when used up."""
        if who.role is not Role.TRAINER or not who.trainer_id:
            return
        wait_s = self.wait(action, who.trainer_id)
        if not wait_s:
            return
        item = self.items[action]
        raise TooManyRequests(
            f"You sent more than {item.amount} {action}s in {duration(item.get_expiry())}. "
            f"Try again in {duration(wait_s)}; what you sent before is kept and read in turn.",
            retry_after_s=wait_s,
        )

    def take_link(self, address: str, client: str) -> None:
        """Count one request for a sign-in link, from ``client`` for ``address`` (any address
        typed, known or not, so the answer says nothing about who is on file); 429 when either
        quota is used up. The address is counted by its hash: no address is kept in Redis."""
        wait_s = self.wait("link-client", client)
        if not wait_s:
            hashed = hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()
            wait_s = self.wait("link-address", hashed)
        if wait_s:
            raise TooManyRequests(
                "Too many sign-in links were asked for in a short time, for this address or "
                f"from this device. Try again in {duration(wait_s)}; a link already sent "
                "still works until it expires.",
                retry_after_s=wait_s,
            )


def duration(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} seconds"
    if seconds < 7200:
        return f"{round(seconds / 60)} minutes"
    return f"{round(seconds / 3600)} hours"
