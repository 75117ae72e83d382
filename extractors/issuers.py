"""The organisations that issue CPR/AED cards, as people print and OCR reads them.

Cards come from a handful of national issuers (the domain page names them).
Their names sit in logos that OCR often clips ("American Heart Associati"),
so a mention is recognised by its distinctive part and reported under the
issuer's full name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ISSUERS: tuple[tuple[str, str], ...] = (
    ("American Heart Association", r"heart\s*ass?oc\w*|\baha\b"),
    ("American Red Cross", r"red\s*cross"),
    ("National Safety Council", r"safety\s*coun\w*|\bnsc\b"),
    ("American Safety & Health Institute", r"american\s*safety\s*(?:&|and)\s*health|\bashi\b"),
    ("Health & Safety Institute", r"health\s*(?:&|and)\s*safety\s*inst\w*|\bhsi\b"),
)
ANY_ISSUER = re.compile("|".join(f"(?:{pattern})" for _, pattern in ISSUERS), re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class IssuerMention:
    name: str
    start: int
    end: int


def find_issuer(text: str) -> IssuerMention | None:
    """The issuer named in ``text``, by its full name."""
    match = ANY_ISSUER.search(text)
    if match is None:
        return None
    for name, pattern in ISSUERS:
        if re.fullmatch(pattern, match.group(0), re.IGNORECASE):
            return IssuerMention(name, match.start(), match.end())
    return None
