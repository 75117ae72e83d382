"""One lock for every call into pdfium in this process.

PDFium is not thread-safe, not even across different documents: two threads
in it at once corrupt its heap (an API process serving two page previews at the
same moment crashed that way). Every pdfium call in the project holds this
lock, objects included: they are closed before it is released, so no finalizer
runs pdfium code later on another thread. The lock is taken around ``fork`` so
a child process never starts with it held by a thread that does not exist there.
"""

from __future__ import annotations

import os
import threading

PDFIUM_LOCK = threading.RLock()

os.register_at_fork(
    before=PDFIUM_LOCK.acquire,
    after_in_parent=PDFIUM_LOCK.release,
    after_in_child=PDFIUM_LOCK.release,
)
