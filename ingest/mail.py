"""Plain SMTP e-mail, one conversation per message, for notifications and sign-in links.

``send_mail`` never raises for a refusal or an unreachable server: it answers the
error as text (None when the server took the message), so a caller decides what
a failed delivery means for it.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

from ingest.settings import Settings


def mail_configured(settings: Settings) -> bool:
    return bool(settings.smtp_host)


def send_mail(settings: Settings, to: list[str], subject: str, body: str) -> str | None:
    """Send one message through ``smtp_host``; the error as text, or None when delivered."""
    assert settings.smtp_host
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(
            settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout_s
        ) as smtp:
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as e:
        return f"{type(e).__name__}: {e}"
    return None
