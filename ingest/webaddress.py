"""Web and e-mail addresses in a page's text, and the labels of a host that may name its owner.

A verify link, a web address or an e-mail address names its owner in its registrable
domain: 'certificate.<owner>.com/verify/...', 'www.<owner>.org', 'info@<owner>.co.uk'.
The domain is found with the public suffix list (tldextract's bundled copy, never
fetched over the network), so 'co.uk', 'edu.np' and the newer top-level domains
('.academy', '.training') are read as a person reads them, not by a list of our own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import tldextract

MIN_LABEL_CHARS = 4  # shorter labels ('my', 'cpr') name too many owners to be evidence

# A host with at least one dot; a scheme or the user part of an e-mail address may lead it.
_HOST = re.compile(r"(?<![\w.-])(?:https?://|[\w.+-]+@)?((?:[a-z0-9-]+\.)+[a-z]{2,13})\b", re.I)
_ADDRESS_SHAPED = re.compile(r"^(?:https?://|www\.|[\w.+-]+@)", re.I)


@dataclass(frozen=True, slots=True)
class HostMention:
    """A host as the text holds it, with where it sits and how it was written."""

    host: str  # casefolded: 'certificate.example.com'
    start: int
    end: int
    address_shaped: bool  # written with a scheme, 'www.', an e-mail's '@' or a path after it


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def hosts_in(text: str) -> Iterator[HostMention]:
    """Every host in ``text`` that ends on a real public suffix ('www.example.org',
    'help@example.co.uk'); 'course.The' or 'Types.de' glued by OCR only where they do."""
    for match in _HOST.finditer(text):
        host = match.group(1).casefold()
        if not _extractor()(host).suffix:
            continue
        shaped = (
            bool(_ADDRESS_SHAPED.match(match.group(0)))
            or text[match.end() : match.end() + 1] == "/"
        )
        yield HostMention(host, match.start(1), match.end(1), shaped)


def host_labels(host: str) -> tuple[list[str], str]:
    """The labels that may name the owner, and the whole host spelled without dots.

    'ecards.heart.org' -> (['ecards', 'heart'], 'ecardsheartorg'); the public suffix
    ('org', 'co.uk', 'academy') and 'www' are left out; so is a host on no public suffix.
    """
    parts = _extractor()(host.casefold())
    if not parts.suffix or not parts.domain:
        return [], ""
    names = [label for label in parts.subdomain.split(".") if label and label != "www"]
    names.append(parts.domain)
    spelled = "".join([*names, *parts.suffix.split(".")])
    return [n for n in names if len(n) >= MIN_LABEL_CHARS], spelled


def registrable_name(host: str) -> str | None:
    """The label the owner registered ('codingninjas' in 'certificate.codingninjas.com')."""
    parts = _extractor()(host.casefold())
    if not parts.suffix or len(parts.domain) < MIN_LABEL_CHARS:
        return None
    return parts.domain
