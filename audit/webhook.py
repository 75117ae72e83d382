"""Webhook delivery: a signed JSON POST, retried with exponential backoff.

The body is signed with HMAC-SHA256 over ``"<timestamp>.<body>"`` using
``Settings.webhook_secret``; the receiver recomputes it (see
:func:`verify_signature`) and rejects stale timestamps, so a captured request
cannot be replayed later. Server errors (5xx), 429 and connection failures are
retried up to ``webhook_max_attempts`` with waits of ``webhook_backoff_s``,
doubled each time; any other 4xx is final, since sending the same request
again will not change the answer.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ingest.settings import Settings

SIGNATURE_HEADER = "X-Certverify-Signature"
TIMESTAMP_HEADER = "X-Certverify-Timestamp"
RETRY_STATUSES = frozenset({429})


@dataclass(frozen=True, slots=True)
class DeliveryResult:
    delivered: bool
    attempts: int
    status: int | None  # the last HTTP status received, if any
    error: str | None  # the last connection error, or why the last status failed


def sign(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def verify_signature(
    secret: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: float,
    tolerance_s: float = 300.0,
) -> bool:
    """What a receiver checks: the signature matches and the timestamp is recent.

    Header names are compared without case, as HTTP defines them.
    """
    lowered = {name.lower(): value for name, value in headers.items()}
    try:
        timestamp = int(lowered[TIMESTAMP_HEADER.lower()])
        given = lowered[SIGNATURE_HEADER.lower()].removeprefix("sha256=")
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(given, sign(secret, timestamp, body))


def _retryable(status: int) -> bool:
    return status >= 500 or status in RETRY_STATUSES


def _post_once(url: str, body: bytes, headers: dict[str, str], timeout: float) -> int:
    """One POST; the HTTP status, or ``OSError`` when no answer came."""
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as e:
        return int(e.code)


def deliver(
    url: str,
    payload: Mapping[str, Any],
    settings: Settings,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.time,
) -> DeliveryResult:
    """POST ``payload`` as signed JSON until it is accepted (2xx) or attempts run out.

    Without a secret nothing is sent: an unsigned notification could not be trusted.
    """
    secret = settings.webhook_secret.get_secret_value()
    if not secret:
        return DeliveryResult(delivered=False, attempts=0, status=None, error="no webhook secret")
    body = json.dumps(payload, sort_keys=True, default=str).encode()
    status: int | None = None
    error: str | None = None
    attempts = 0
    for attempt in range(1, max(1, settings.webhook_max_attempts) + 1):
        attempts = attempt
        timestamp = int(clock())
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "certverify-webhook",
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: "sha256=" + sign(secret, timestamp, body),
        }
        try:
            status, error = _post_once(url, body, headers, settings.webhook_timeout_s), None
        except OSError as e:
            status, error = None, f"{type(e).__name__}: {e}"
        if status is not None and 200 <= status < 300:
            return DeliveryResult(delivered=True, attempts=attempts, status=status, error=None)
        if status is not None and not _retryable(status):
            error = f"HTTP {status} is not retried"
            break
        if status is not None:
            error = f"HTTP {status}"
        if attempt < settings.webhook_max_attempts:
            sleep(settings.webhook_backoff_s * 2 ** (attempt - 1))
    return DeliveryResult(delivered=False, attempts=attempts, status=status, error=error)
