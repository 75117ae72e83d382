"""Which side of a CPR/AED card a page shows, from what is printed on it.

The front carries the holder (the card's sentence or a holder label) and the
dates; the back the training center, the instructor, the signature line and
how to verify. A page carrying both sets shows both: an eCard printout, or a
wallet card's two faces side by side. A full-page certificate (a certificate
of completion or participation, a statement of attainment) has no back: it is
the whole credential on one page, so it counts as both.
"""

from __future__ import annotations

from extractors import kind_words as words
from ingest.record import CardSide

WALLET_ASPECT = (1.45, 1.75)  # a wallet card is 3.375 x 2.125 in (1.59); paper is 1.29-1.41


def is_wallet_shaped(page_aspect: float | None) -> bool:
    """A page (long side over short side) shaped like a wallet card rather than paper."""
    low, high = WALLET_ASPECT
    return page_aspect is not None and low <= page_aspect <= high


def card_side(text: str, page_aspect: float | None = None) -> CardSide:
    lines = words.folded(text, keep_lines=True)
    front, _ = words.score(lines, words.FRONT)
    back, _ = words.score(lines, words.BACK)
    if front >= 4.0 and back >= 3.0:
        return CardSide.BOTH
    if _whole_certificate(lines, page_aspect):
        return CardSide.BOTH
    return CardSide.BACK if back > front else CardSide.FRONT


def _whole_certificate(lines: str, page_aspect: float | None) -> bool:
    """A page naming itself a certificate, with its holder's sentence, not wallet-shaped."""
    form, _ = words.score(" ".join(lines.split()), words.CERTIFICATE_TITLES)
    holder = words.has(lines, words.HOLDER_STATEMENT)
    return form >= 2.0 and holder and not is_wallet_shaped(page_aspect)
