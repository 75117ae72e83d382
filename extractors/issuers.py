"""The organisations that issue CPR/AED cards, as people print and OCR reads them.

Cards come from a handful of national issuers (the domain page names them).
Their names sit in logos that OCR often clips ("American Heart Associati"),
so a mention is recognised by its distinctive part and reported under the
issuer's full name. Every country's Red Cross society issues cards under its
own name ("Canadian Red Cross", "The Trinidad & Tobago Red Cross Society"),
so a Red Cross named with its country is reported as printed; one followed
by an organisation word ("Kenya Red Cross Training Institute") is a training
center, not the issuer. When the logo is artwork and only the verify address
is text ("myrc.redcross.ca"), the issuer's web address names it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Issuer:
    name: str
    pattern: str  # how the name is printed or clipped by OCR
    hosts: tuple[str, ...] = ()  # the issuer's web addresses (registrable domains)


ISSUERS: tuple[Issuer, ...] = (
    Issuer("American Heart Association", r"heart\s*ass?oc\w*|\baha\b", ("heart.org",)),
    Issuer(
        "Canadian Red Cross",
        r"canadian\s*red\s*cross|croix[\s-]*rouge\s+canadienne",
        ("redcross.ca",),
    ),
    Issuer("British Red Cross", r"british\s*red\s*cross", ("redcross.org.uk",)),
    Issuer("Australian Red Cross", r"australian\s*red\s*cross", ("redcross.org.au",)),
    Issuer("American Red Cross", r"american\s*red\s*cross|red\s*cross", ("redcross.org",)),
    Issuer("National Safety Council", r"safety\s*coun\w*|\bnsc\b", ("nsc.org",)),
    Issuer(
        "American Safety & Health Institute",
        r"american\s*safety\s*(?:&|and)\s*health|\bashi\b",
        ("ashinstitute.org",),
    ),
    Issuer("Health & Safety Institute", r"health\s*(?:&|and)\s*safety\s*inst\w*|\bhsi\b"),
    Issuer("St John Ambulance", r"st\.?\s*john\s*ambulance", ("sja.org.uk", "sja.ca")),
)
_KNOWN = re.compile("|".join(f"(?:{i.pattern})" for i in ISSUERS), re.IGNORECASE)

_RED_CROSS = re.compile(r"red\s*cross(?:\s+society)?", re.IGNORECASE)
_RED_CROSS_ROMANCE = re.compile(
    r"croix[\s-]*rouge|cruz\s+roja|croce\s+rossa|cruz\s+vermelha|creu\s+roja", re.IGNORECASE
)
ANY_ISSUER = re.compile(f"{_KNOWN.pattern}|{_RED_CROSS_ROMANCE.pattern}", re.IGNORECASE)
"""Any card issuer's name, in any of the ways it is printed."""
# The country after a Romance-language Red Cross: an adjective ("française", "Mexicana")
# or "de/del <Country>" ("de Belgique", "del Ecuador").
_COUNTRY_AFTER = re.compile(
    r"\s+(?:(?:de|del|di|do|da)\s+(?:la\s+|l'\s*)?[A-ZÀ-Ý][\w'-]+"
    r"|(?!(?:de|del|di|do|da|et|y|e|pour|para|per|n°|no)\b)[^\W\d_]{4,})",
    re.IGNORECASE,
)
_CONNECTORS = {"&", "and"}
# A training center or school that carries the issuer's name ("... Training Institute").
_TRAINING_CENTER_AFTER = re.compile(
    r"^\W*(?:training\s+)?(?:institute|college|academy|school|center|centre|university)\b",
    re.IGNORECASE,
)
_STANDARDS_BEFORE = re.compile(
    r"\b(?:consistent with|according to|in line with|based on|follows?|meets?)\b", re.I
)
_STANDARDS_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}(?:guidelines|standards)\b", re.I)
# Capitalised words that are not a country's name before "Red Cross".
_NOT_A_COUNTRY = re.compile(
    r"(?:certificate|certified|completion|of|by|from|american|canadian|the|with|is|in)\W*",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class IssuerMention:
    name: str
    start: int
    end: int
    specific: bool = True  # False: a bare "Red Cross" / "Croix-Rouge" that names no society


def find_issuer(text: str) -> IssuerMention | None:
    """The issuer named in ``text``, by its full name (a Red Cross society as printed)."""
    national = _national_red_cross(text) or _red_cross_named_after(text)
    if national is not None:
        return national
    for match in _KNOWN.finditer(text):
        if _standards(text, match) or _in_address(match):
            continue
        issuer = next(i for i in ISSUERS if re.fullmatch(i.pattern, match.group(0), re.I))
        if not _training_center(issuer, text[match.end() :]):
            bare = _RED_CROSS.fullmatch(match.group(0)) is not None
            return IssuerMention(issuer.name, match.start(), match.end(), specific=not bare)
    return _bare_red_cross(text)


def _red_cross_named_after(text: str) -> IssuerMention | None:
    """'Croix-Rouge française', 'Cruz Roja Mexicana', 'Croce Rossa Italiana': where the
    society's country follows its name, as the Romance languages write it."""
    for match in _RED_CROSS_ROMANCE.finditer(text):
        country = _COUNTRY_AFTER.match(text, match.end())
        if country is None or _TRAINING_CENTER_AFTER.match(text[match.end() :]):
            continue
        name = " ".join(text[match.start() : country.end()].split())
        return IssuerMention(name, match.start(), country.end())
    return None


def _bare_red_cross(text: str) -> IssuerMention | None:
    """A Red Cross named in another language without its society: reported as printed,
    and weaker than any mention that names the society."""
    match = _RED_CROSS_ROMANCE.search(text)
    if match is None or _in_address(match):
        return None
    name = " ".join(re.sub(r"\s*-\s*", "-", match.group(0)).split())
    return IssuerMention(name, match.start(), match.end(), specific=False)


def _training_center(issuer: Issuer, after: str) -> bool:
    """'Red Cross Training Institute': a school carrying the issuer's name. The word
    that completes the issuer's own name ('... Health Institute') does not count."""
    found = _TRAINING_CENTER_AFTER.search(after)
    if found is None:
        return False
    return not issuer.name.casefold().endswith(found.group(0).strip().casefold())


def _in_address(match: re.Match[str]) -> bool:
    """'myrc.redcross.ca': a web address, read by ``issuer_of_host`` instead."""
    text, start, end = match.string, match.start(), match.end()
    before = text[start - 1] if start else " "
    return before in "./@" or before.isalnum() or text[end : end + 1] in {".", "/"}


def _standards(text: str, match: re.Match[str]) -> bool:
    """'consistent with the most current AHA ECC guidelines': followed, not issued."""
    before = " ".join(text[: match.start()].split()[-6:])
    return bool(_STANDARDS_BEFORE.search(before) or _STANDARDS_AFTER.search(text[match.end() :]))


def issuer_of_host(text: str) -> IssuerMention | None:
    """The issuer whose web address ``text`` holds ("www.heart.org/cpr", "myrc.redcross.ca")."""
    for issuer in ISSUERS:
        for host in issuer.hosts:
            pattern = r"(?<![\w-])(?:[\w-]+\.)*" + re.escape(host) + r"(?![\w.-]*\w)"
            match = re.search(pattern, text, re.IGNORECASE)
            if match is not None:
                return IssuerMention(issuer.name, match.start(), match.end())
    return None


def _national_red_cross(text: str) -> IssuerMention | None:
    """'Kenya Red Cross Society', 'THE TRINIDAD & TOBAGO RED CROSS SOCIETY', as printed."""
    for match in _RED_CROSS.finditer(text):
        if _TRAINING_CENTER_AFTER.search(text[match.end() :]):
            continue
        words = list(re.finditer(r"\S+", text[: match.start()]))
        country: list[re.Match[str]] = []
        while words and len(country) < 5:
            word = words[-1].group(0)
            connector = word.casefold() in _CONNECTORS and bool(country)
            ends_label = word[-1] in ":;,|/"
            capitalised = word[:1].isupper() and not _NOT_A_COUNTRY.fullmatch(word)
            if ends_label or not (connector or capitalised):
                break
            country.insert(0, words.pop())
        while country and country[0].group(0).casefold() in _CONNECTORS:
            country.pop(0)
        if not country:
            continue
        start = country[0].start()
        if words and words[-1].group(0).casefold() == "the":
            start = words[-1].start()
        name = " ".join(text[start : match.end()].split())
        return IssuerMention(name, start, match.end())
    return None
