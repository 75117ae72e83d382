"""Delivery channels for notifications: the signed webhook and plain SMTP email.

Each channel is tried only when configured (``webhook_url``; ``smtp_host`` and
``smtp_to``) and answers a ``ChannelResult`` (never raises), so one channel
failing never stops the others or the rest of the batch.
"""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from email.message import EmailMessage
from typing import Any

from audit.webhook import deliver
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
    assert settings.smtp_host
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(recipients(settings))
    message["Subject"] = f"certverify: {payload['kind']} (trainer {payload['trainer_id']})"
    documents = "\n".join(f"  {doc}" for doc in payload["documents"])
    message.set_content(f"{payload['message']}\n\nDocuments:\n{documents}\n\n{payload['key']}\n")
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s
        ) as smtp:
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as e:
        return ChannelResult(EMAIL, False, 1, f"{type(e).__name__}: {e}")
    return ChannelResult(EMAIL, True, 1, None)


def configured_channels(settings: Settings) -> dict[str, Channel]:
    channels: dict[str, Channel] = {}
    if settings.webhook_url:
        channels[WEBHOOK] = send_webhook
    if settings.smtp_host and recipients(settings):
        channels[EMAIL] = send_email
    return channels
