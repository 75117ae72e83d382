"""Delivery channels for notifications: the signed webhook and plain SMTP email.

Each channel is tried only when configured (``webhook_url``; ``smtp_host`` and
``smtp_to``) and answers a ``ChannelResult`` (never raises), so one channel
failing never stops the others or the rest of the batch.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from audit.webhook import deliver
from ingest.mail import send_mail
from ingest.settings import Settings
from store.notifications import ChannelResult

WEBHOOK = "webhook"
EMAIL = "email"

Channel = Callable[[dict[str, Any], Settings], ChannelResult]


def send_webhook(payload: dict[str, Any], settings: Settings) -> ChannelResult:
    assert settings.webhook_url
    result = deliver(settings.webhook_url, payload, settings)
    return ChannelResult(WEBHOOK, result.delivered, result.attempts, result.error)


def recipients(settings: Settings) -> list[str]:
    return [a.strip() for a in (settings.smtp_to or "").split(",") if a.strip()]


def send_email(payload: dict[str, Any], settings: Settings) -> ChannelResult:
    """One SMTP conversation; a refusal or an unreachable server is a failed attempt."""
    subject = f"certverify: {payload['kind']} (trainer {payload['trainer_id']})"
    documents = "\n".join(f"  {doc}" for doc in payload["documents"])
    body = f"{payload['message']}\n\nDocuments:\n{documents}\n\n{payload['key']}\n"
    error = send_mail(settings, recipients(settings), subject, body)
    return ChannelResult(EMAIL, error is None, 1, error)


def configured_channels(settings: Settings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if settings.webhook_url:
        channels[WEBHOOK] = send_webhook
    if settings.smtp_host and recipients(settings):
        channels[EMAIL] = send_email
    return channels
