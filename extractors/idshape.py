"""Ids whose shape says what OCR misread in them.

OCR reads a zero as the letter O, a one as l or I, a five as S, inside ids as
anywhere else. Some ids have a shape that tells which a character must be: the
groups of a UUID ("UC-1a2b3c4d-...") and long hex digests are hex digits
only, and an id that is a number (after a letter prefix, before a check
letter) is digits. Ids that mix letters and digits are left as read: their
letters may be real (a Q between two digits is one in "7XK3P5Q28LM4"-like
codes). Read
back this way, an id is what the issuer's register holds; the reason says
what was read back. Text layers are exact and are never changed.
"""

from __future__ import annotations

import re
import string

_HEX = frozenset(string.hexdigits)
# A letter OCR gives for a digit: the digit it stands for.
_DIGIT_FOR: dict[str, str] = {
    "O": "0",
    "o": "0",
    "Q": "0",
    "D": "0",
    "I": "1",
    "l": "1",
    "i": "1",
    "|": "1",
    "Z": "2",
    "z": "2",
    "S": "5",
    "s": "5",
    "G": "6",
    "T": "7",
    "B": "8",
    "g": "9",
}
# A letter prefix before an id's number ("AB-", "N"), kept as printed.
_PREFIX = re.compile(r"^[A-Za-z]{1,5}[-/. ]?(?=\d)")
_MIN_DIGITS = 4
_UUID = re.compile(r"(?P<prefix>[A-Za-z]{1,4}-)?(?P<body>\w{8}-\w{4}-\w{4}-\w{4}-\w{12})", re.ASCII)
_HEX_MIN_LENGTH = 20  # a digest or a database key (24, 32, 40 hex digits), not a short code
_HEX_MAX_MISREAD = 0.1  # of a digest's characters that may be look-alikes
_DIGITS_SHARE = 0.75  # an id this much digits is a number with misread digits


def read_back(code: str) -> tuple[str, str] | None:
    """``code`` with its look-alike characters read back, and why; None when its
    shape says nothing or nothing needed reading back."""
    for reader in (_uuid, _hex_digest, _digit_run):
        result = reader(code)
        if result is not None and result[0] != code:
            return result
    return None


def _as_hex(text: str) -> str | None:
    """Every character a hex digit, look-alikes read back; None if one cannot be."""
    read = [c if c in _HEX else _DIGIT_FOR.get(c, "") for c in text]
    return "".join(read) if all(read) else None


def _uuid(code: str) -> tuple[str, str] | None:
    match = _UUID.fullmatch(code)
    if match is None:
        return None
    groups = [_as_hex(group) for group in match.group("body").split("-")]
    if not all(groups):
        return None
    body = "-".join(g for g in groups if g)
    return f"{match.group('prefix') or ''}{body}", "a UUID's groups are hex digits"


def _hex_digest(code: str) -> tuple[str, str] | None:
    if len(code) < _HEX_MIN_LENGTH or not code.isalnum() or not any(c.isdigit() for c in code):
        return None
    misread = sum(c not in _HEX for c in code)
    if misread > _HEX_MAX_MISREAD * len(code):
        return None
    read = _as_hex(code)
    return (read, "a long hex id is hex digits") if read is not None else None


def _digit_run(code: str) -> tuple[str, str] | None:
    """An id that is a number (after a letter prefix, before a check letter) with
    look-alike letters inside: the letters read as the digits they stand for. An id
    mixing letters and digits ("7XK3P5Q28LM4") is left alone: its letters are real."""
    prefix = _PREFIX.match(code)
    head = prefix.group(0) if prefix is not None else ""
    body = code[len(head) :]
    tail = body[-1] if len(body) > 1 and body[-1].isalpha() and body[-2].isdigit() else ""
    number = body[: len(body) - len(tail)]
    digits = sum(c.isdigit() for c in number)
    if digits < _MIN_DIGITS or digits < _DIGITS_SHARE * len(number):
        return None
    if not all(c.isdigit() or c in _DIGIT_FOR for c in number):
        return None
    read = "".join(_DIGIT_FOR.get(c, c) for c in number)
    return f"{head}{read}{tail}", "an id of digits: look-alike letters read as digits"
