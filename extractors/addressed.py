"""The issuer's name that the page's own web address spells.

A certificate whose issuer is printed only as a logo still names it in text a
person reads: a verify link ('certificate.<owner>.com/verify/...'), a web or
e-mail address, a signer's title ("Founder of <Owner>"). The address alone is
evidence, not a name to print; the name is the run of printed words whose
letters the address's registrable label spells ("CODING NINJAS" for
'codingninjas', "Alphorm" in "Fondateur d'Alphorm"), or an organisation's
name whose initials it spells ("International Labour Organization" for
'ilo.org'). Hosts of credential platforms name the platform, not the issuer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractors.found import Found, found
from extractors.names import clean_value, fold_accents, looks_like_person
from extractors.textindex import LineRef, TextIndex
from ingest.webaddress import HostMention, hosts_in, registrable_name

# Where certificates are verified for many issuers: their host names the platform.
_PLATFORMS = frozenset(
    {"credly", "accredible", "badgr", "certifier", "sertifier", "youracclaim", "linkedin"}
    | {"google", "bitly", "forms", "verifycertificate", "certificate", "verify"}
)
_MINOR = frozenset({"of", "for", "and", "the", "on", "in", "de", "du", "des", "di", "del", "la"})
_TOKEN = re.compile(r"[^\W_]+")
_MAX_NAME_WORDS = 8


def name_its_address_spells(index: TextIndex, holder_text: str) -> Found | None:
    """The printed name the page's own web or e-mail address spells, the largest first."""
    best: tuple[float, Found] | None = None
    for label, address in _owner_labels(index):
        for ref in index.lines:
            if _inside(ref, address) or holder_text in ref.line.text:
                continue
            for start, end, how in _spelled_runs(ref, label):
                located = index.locate(start, end)
                if located is None:
                    continue
                why = f"its web address '{address.host}' {how}: '{ref.line.text}'"
                candidate = found(clean_value(located.text), located, 0.6, why)
                size = ref.line.box.height
                if best is None or size > best[0]:
                    best = (size, candidate)
    return best[1] if best else None


def _owner_labels(index: TextIndex) -> Iterator[tuple[str, HostMention]]:
    for address in hosts_in(index.text):
        if not (address.address_shaped or address.host.count(".") >= 2):
            continue
        label = registrable_name(address.host)
        if label is not None and label not in _PLATFORMS:
            yield label, address


def _inside(ref: LineRef, address: HostMention) -> bool:
    return ref.start <= address.start < ref.end


def _spelled_runs(ref: LineRef, label: str) -> Iterator[tuple[int, int, str]]:
    """Index spans of the runs of capitalised words on the line that spell ``label``
    letter for letter, or whose initials do (an organisation's name of three words or
    more, its minor words skipped)."""
    tokens = list(_TOKEN.finditer(ref.line.text))
    plain = [fold_accents(t.group(0)).casefold() for t in tokens]
    for i in range(len(tokens)):
        for j in range(i + 1, min(i + _MAX_NAME_WORDS, len(tokens)) + 1):
            run = tokens[i:j]
            if not _capitalised(run) or plain[i] in _MINOR or plain[j - 1] in _MINOR:
                continue
            span = (ref.start + run[0].start(), ref.start + run[-1].end())
            if "".join(plain[i:j]) == label:
                yield (*span, "spells it")
            elif _initials(plain[i:j]) == label and not looks_like_person(_joined(run)):
                yield (*span, "gives its initials")


def _capitalised(run: list[re.Match[str]]) -> bool:
    return all(
        t.group(0)[:1].isupper() for t in run if fold_accents(t.group(0)).casefold() not in _MINOR
    )


def _initials(words: list[str]) -> str:
    significant = [w for w in words if w not in _MINOR]
    return "".join(w[0] for w in significant) if len(significant) >= 3 else ""


def _joined(run: list[re.Match[str]]) -> str:
    return " ".join(t.group(0) for t in run)
