"""Telling a person's name, an organisation's name and a course title apart."""

from __future__ import annotations

import re

ORG_WORDS = re.compile(
    r"\b(institute|academy|education|college|university|council|association|society|"
    r"lab|laboratory|laboratories|labs|school|collective|company|club|center|centre|systems|"
    r"inc|llc|ltd|group|foundation|federation|alliance|network|studio|studios|corporation|"
    r"corp|partners|red cross|heart association|organization|organisation|agency)\b\.?",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(
    r"\b(certificate|certifies|certify|completion|completed|course|provider|date|hours?|ceus?|"
    r"cecs?|director|instructor|signature|signed|president|training|program|presented|"
    r"awarded|successfully|achievement|recognition|credits?|approved|continuing|education|"
    r"nasm|card|valid|issued|expires|renewal|this|that|the|and|for|with|has|of|in|"
    r"coordinator|manager|officer|chair|dean|cpr|aed|first|aid|adult|bls|holder|transcript|id|"
    r"no|number|code|page|total|record|department|office|series|level|primer|training)\b",
    re.IGNORECASE,
)
_NAME_TOKEN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'’.\-]*,?$")
_PARTICLES = {
    "de",
    "da",
    "del",
    "della",
    "di",
    "do",
    "dos",
    "du",
    "la",
    "le",
    "van",
    "von",
    "der",
    "den",
    "ten",
    "ter",
    "bin",
    "ibn",
    "al",
    "el",
    "y",
    "e",
    "st.",
}
_ORG_WORD_START = re.compile(r"^(?:[A-Z0-9&][\w&'’.\-]*|St\.|of|the|and|for)$")
# OCR reads a capital I as a small l at the start of a word ("lvanov"); no
# English or European name starts with l and then a consonant.
_OCR_L_FOR_I = re.compile(r"\bl(?=[bcdfghjkmnpqrstvwxz][a-z])")
_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv|phd|md|cpt)\.?,?$", re.IGNORECASE)


def clean_value(text: str) -> str:
    """Strip label punctuation, quotes and stray marks around a value."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _OCR_L_FOR_I.sub("I", text)
    return text.strip(" :;#|,-–—\"'“”‘’_").strip()


def looks_like_person(text: str) -> bool:
    tokens = clean_value(text).split()
    if not 2 <= len(tokens) <= 5:
        return False
    if _NOT_A_NAME.search(text) or ORG_WORDS.search(text) or re.search(r"\d", text):
        return False
    name_tokens = [t for t in tokens if not _SUFFIX.match(t)]
    if not all(_NAME_TOKEN.match(t) for t in name_tokens):
        return False
    return all(t[0].isupper() or t.lower() in _PARTICLES for t in name_tokens)


def looks_like_org(text: str) -> bool:
    words = clean_value(text).split()
    return 1 <= len(words) <= 10 and bool(ORG_WORDS.search(text))


def trim_org(text: str) -> str:
    """An organisation's name without the sentence it was written in."""
    cut = re.split(
        r"\s+(?:and\s+(?:is|was|has|offered|provided|delivered)|offered|provided|delivered|"
        r"through|via|on behalf)\b|[,;(]|\s[-–—|]\s",
        clean_value(text),
        maxsplit=1,
    )[0]
    words = clean_value(cut).split()
    while words and not _ORG_WORD_START.match(words[0]):
        words.pop(0)  # logo marks and stray words before the name: "C) Coastal ..."
    return " ".join(words)


def tidy_person(text: str) -> str:
    text = clean_value(text)
    return re.sub(r"\s*,\s*$", "", text)


# Words under or beside a signer's name: that name is not the holder's.
SIGNER_TITLE = re.compile(
    r"\b(?:dean|director|manager|coordinator|president|instructor|chair|officer|registrar|"
    r"administrator|signature|signed)\b",
    re.IGNORECASE,
)
