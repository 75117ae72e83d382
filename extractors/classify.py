"""What kind of document this is, from the words on it, as a reader would tell.

Cues are weighed, not matched one by one: a completion certificate talks about
completing a course and credits; a CPR/AED card names CPR, AED, an issuer's
course and renewal; the back of a card carries the training center, the
instructor and a signature line, the front the holder and the dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.issuers import ANY_ISSUER
from ingest.record import CardSide, DocumentType

_CARD_CUES: tuple[tuple[str, float], ...] = (
    (r"\bcpr\b", 2.0),
    (r"\baed\b", 2.0),
    (r"\bbls\b|basic life support", 2.0),
    (r"heartsaver|first aid", 1.5),
    (r"resuscitation|cardiopulmonary", 1.5),
    (r"e-?card", 1.5),
    (r"training (?:center|centre|site)", 1.0),
    (r"\binstructor\b", 0.5),
    (r"renewal|renew by|valid for \d|expir", 1.0),
    (r"heart association|red cross|safety council|\bashi\b|\bhsi\b|health & safety institute", 1.5),
)
_CERTIFICATE_CUES: tuple[tuple[str, float], ...] = (
    (
        r"certificate\W+(?:of\W+)?(?:\w+\W+)?(?:completion|achievement|attendance|participation)",
        2.5,
    ),
    (r"\bcompleted\b|\bhours?\b", 0.5),
    (r"\bceus?\b|\bcecs?\b|continuing education", 2.0),
    (r"contact hours?|clock hours?", 1.5),
    (r"(?:has|have) (?:successfully )?(?:completed|attended|participated)", 1.5),
    (r"for (?:successfully )?completing|(?:successful )?completion of", 1.0),
    (r"certif(?:y|ies) that|presented to|awarded to|in recognition", 1.0),
    (r"\bcourse\b|\bworkshop\b|\bseminar\b|\bprogram(?:me)?\b", 1.0),
    (r"approved provider|provider", 0.5),
)
_BACK_CUES: tuple[tuple[str, float], ...] = (
    (r"training (?:center|centre|site)", 2.0),
    (r"\btc (?:id|name|info)|\btc\s*#", 2.0),
    (r"instructor(?: name| id|\s*#)?", 1.5),
    (r"holder'?s? signature|signature of (?:card ?)?holder", 2.0),
    (r"\bsignature\b", 0.5),
    (r"instructor id|instructor (?:no|number|#)|training (?:services|provider)", 1.0),
    (r"skills session|in-person skills|valid for \d|date completed", 1.0),
    (r"verify|validate|authenticit", 1.0),
    (r"course location|city, state|phone", 1.0),
    (r"e-?card code|scan (?:the )?qr|qr code", 0.5),
)
_FRONT_CUES: tuple[tuple[str, float], ...] = (
    (
        r"(?:issue|issued|completion|completed|certified|expiration|expires|renewal|valid until"
        r"|valid through)(?:\s+on)?\W+(?:date\W+)?(?:\d|[a-z]{3,9}\.? \d)",
        2.0,
    ),
    (r"has successfully completed|successfully completed|this card certifies|certifies that", 2.0),
    (r"acknowledges that|(?:participant|student|name|holder)\s*:", 1.0),
    (r"valid for \w+ years?|renewal|expir", 1.0),
    (r"heartsaver|first aid|\bbls\b|basic life support|\bcpr\b", 1.0),
)
_OTHER_CUES: tuple[tuple[str, float], ...] = (
    (r"\binvoice\b|\breceipt\b|\bbill to\b|order (?:no|number|#)", 3.0),
    (r"sub-?total|amount due|balance due|\btotal\b", 1.5),
    (r"\bqty\b|quantity|unit price", 1.0),
    (r"\$\s?\d+\.\d\d", 1.5),
    (r"schedule|timetable|class times", 2.0),
    (
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday).{0,80}"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        2.0,
    ),
    (r"\bdear \w+|to whom it may concern", 1.5),
    (r"sincerely|best regards|kind regards|yours truly", 1.5),
)
_CPR_WORDS = re.compile(r"\bcpr\b|\baed\b|\bbls\b|first aid|heartsaver|basic life support", re.I)


@dataclass(frozen=True, slots=True)
class Classification:
    document_type: DocumentType
    card_side: CardSide | None
    confidence: float
    reason: str


def _score(text: str, cues: tuple[tuple[str, float], ...]) -> tuple[float, list[str]]:
    total = 0.0
    seen: list[str] = []
    for pattern, weight in cues:
        match = re.search(pattern, text, re.IGNORECASE)
        if match:
            total += weight
            seen.append(match.group(0).lower())
    return total, seen


def classify(text: str, page_aspect: float | None = None) -> Classification:
    """Type and side from the text; ``page_aspect`` (long/short side) hints at a wallet card."""
    text = " ".join(text.split())  # cues may wrap over lines
    card, card_seen = _score(text, _CARD_CUES)
    back, back_seen = _score(text, _BACK_CUES)
    certificate, cert_seen = _score(text, _CERTIFICATE_CUES)
    other, other_seen = _score(text, _OTHER_CUES)
    wallet = page_aspect is not None and 1.45 <= page_aspect <= 1.75
    front, _ = _score(text, _FRONT_CUES)
    named = bool(_CPR_WORDS.search(text) or ANY_ISSUER.search(text))
    card_like = (named and (front >= 2.5 or back >= 3.0)) or back >= 4.0
    card_total = card + 0.5 * back + (1.0 if wallet else 0.0)
    if other >= 3.0 and other >= max(certificate, card_total) * 0.6:
        return Classification(
            DocumentType.UNKNOWN,
            None,
            min(1.0, other / 6),
            f"not evidence: {', '.join(other_seen)}",
        )
    if card_like and card_total >= 3.0 and card_total >= certificate * 0.8:
        side = card_side(text)
        seen = ", ".join(card_seen + back_seen)
        return Classification(
            DocumentType.CPR_AED_CARD, side, min(1.0, card_total / 8), f"card cues: {seen}; {side}"
        )
    if certificate >= 3.0:
        return Classification(
            DocumentType.CEU_CERTIFICATE,
            None,
            min(1.0, certificate / 7),
            f"certificate cues: {', '.join(cert_seen)}",
        )
    return Classification(
        DocumentType.UNKNOWN,
        None,
        0.6,
        f"too few cues (card {card_total:.1f}, certificate {certificate:.1f})",
    )


def card_side(text: str) -> CardSide:
    """Back: training center, instructor, signature line. Front: the holder and
    real dates. Both when a page carries both sets."""
    back, _ = _score(text, _BACK_CUES)
    front, _ = _score(text, _FRONT_CUES)
    if back >= 3.0 and front >= 4.0:
        return CardSide.BOTH
    return CardSide.BACK if back > front else CardSide.FRONT
