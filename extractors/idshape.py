"""Ids whose shape says what OCR misread in them.

OCR reads a zero as the letter O, a one as l or I, a five as S, inside ids as
anywhere else. Some ids have a shape that tells which a character must be: the
groups of a UUID ("UC-1a2b3c4d-...") and long hex digests are hex digits
only, and a character set between digits in a run of digits is a digit. Read
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
# Between digits, only the letters no id scheme sets among digits: the round and
# the upright ones. Others (S, B, G, ...) only where the id is digits and nothing else.
_BETWEEN_DIGITS = frozenset("OoQIl|")
_UUID = re.compile(r"(?P<prefix>[A-Za-z]{1,4}-)?(?P<body>\w{8}-\w{4}-\w{4}-\w{4}-\w{12})", re.ASCII)
_HEX_MIN_LENGTH = 16  # a digest: an MD5 is 32 hex digits, short hex-looking words are not
_HEX_MAX_MISREAD = 0.15  # of a digest's characters that may be look-alikes
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
    """Inside an id (its first and last characters kept: a prefix, a check letter),
    look-alikes set between digits, or every look-alike where the id is nearly all
    digits."""
    digits = sum(c.isdigit() for c in code)
    if digits < 4:
        return None
    inside = code[1:-1]
    mostly_digits = digits >= _DIGITS_SHARE * len(code) and all(
        c.isdigit() or c in _DIGIT_FOR for c in inside
    )
    read = [
        _DIGIT_FOR[c] if c in _DIGIT_FOR and (mostly_digits or _between_digits(code, i + 1)) else c
        for i, c in enumerate(inside)
    ]
    why = "an id of digits" if mostly_digits else "a letter set between digits"
    return f"{code[0]}{''.join(read)}{code[-1]}", f"{why}: look-alike letters read as digits"


def _between_digits(code: str, position: int) -> bool:
    return (
        code[position] in _BETWEEN_DIGITS
        and code[position - 1].isdigit()
        and code[position + 1].isdigit()
    )
