"""The deployment's secret for signing page cookies: from settings, or kept in the data folder.

With servers (Redis or PostgreSQL) the secret must be set
(``CERTVERIFY_WEB_SESSION_SECRET``, see ``ingest.settings.check_deployment``).
The embedded default makes one on first start and keeps it in
``data_dir/web-session.secret`` (mode 0600), so every process of
``certverify serve --workers N`` and every restart signs alike.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path

from ingest.settings import Settings

SECRET_FILE = "web-session.secret"


def web_session_secret(settings: Settings) -> bytes:
    configured = settings.web_session_secret.get_secret_value()
    if configured:
        return configured.encode("utf-8")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    path = settings.data_dir / SECRET_FILE
    if not path.exists():
        _create_once(path, secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip().encode("ascii")


def _create_once(path: Path, value: str) -> None:
    """Write the file complete, then link it into place: of racing processes, one wins."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=".secret-")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(value)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: its wins
            os.link(name, path)
    finally:
        os.unlink(name)
