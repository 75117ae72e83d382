"""Web addresses as evidence of who issued a document.

A verify link, a web address or an e-mail address names the issuer in its
domain: ``coursera.org/verify/...``, ``www.citiprogram.org``,
``ecards.heart.org``, ``verify.CompTIA.org``. A label of the host counts when
it is a catalog name or alias written without spaces ("citiprogram",
"statefoodsafety"), or the name's distinctive words, what is left without
organisation, place and function words ("heart" for the American Heart
Association, "redcross" for a Red Cross society); a domain hack counts when
the whole host spells a one-word name ("ude.my"). A label that fits several
providers ("redcross" fits every national society) is ambiguous, and weak
alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ingest.webaddress import MIN_LABEL_CHARS, host_labels, hosts_in
from matchers.catalog import Catalog, Provider
from matchers.mentions import Mention, PlacedLine
from matchers.normalize import name_tokens
from matchers.scoring import MINOR_WORDS, ORG_WORDS

HOST = 0.95  # a label naming one provider
AMBIGUOUS_HOST = 0.8  # a label fitting several providers
# Words that say what kind of organisation or where, not which one.
_PLACE_WORDS = frozenset(
    {"american", "national", "international", "canadian", "british", "australian", "world"}
    | {"global", "united", "states"}
)


def host_mentions(catalog: Catalog, lines: Sequence[PlacedLine]) -> list[Mention]:
    """Each web address whose host names an approved provider."""
    keys = _provider_keys(catalog)
    mentions = []
    for number, line in enumerate(lines):
        for found in hosts_in(line.text):
            host = found.host
            providers = _providers_of(host, keys)
            weight = HOST if len(providers) == 1 else AMBIGUOUS_HOST
            for provider, form in providers:
                place = f"in the web address {host!r}" + (
                    "" if len(providers) == 1 else " (fits several providers)"
                )
                mentions.append(Mention(provider, form, host, number, 100.0, place, weight, False))
    return mentions


def providers_of_host(catalog: Catalog, host: str) -> list[Provider]:
    """The catalog providers a host names ('ecards.heart.org' -> the AHA)."""
    return [provider for provider, _form in _providers_of(host, _provider_keys(catalog))]


def provider_host_keys(catalog: Catalog, provider_id: str) -> list[str]:
    """The host labels that would name this provider ('heart', 'redcross', ...)."""
    return [
        key
        for key, entries in _provider_keys(catalog).items()
        if any(p.provider_id == provider_id for p, _f in entries)
    ]


def _providers_of(
    host: str, keys: dict[str, list[tuple[Provider, str]]]
) -> list[tuple[Provider, str]]:
    labels, spelled = host_labels(host)
    found: dict[str, tuple[Provider, str]] = {}
    for label in labels:
        for provider, form in keys.get(label, []):
            found.setdefault(provider.provider_id, (provider, form))
    for provider, form in keys.get(spelled, []):
        if len(name_tokens(form)) == 1:
            found.setdefault(provider.provider_id, (provider, form))
    return list(found.values())


@lru_cache(maxsize=32)
def _provider_keys(catalog: Catalog) -> dict[str, list[tuple[Provider, str]]]:
    """Each provider's names and aliases without spaces, and their distinctive words."""
    keys: dict[str, list[tuple[Provider, str]]] = {}
    for provider in catalog.providers:
        for form in (provider.name, *provider.aliases):
            words = name_tokens(form, expand=False)
            distinctive = [w for w in words if w not in ORG_WORDS | MINOR_WORDS | _PLACE_WORDS]
            for key in {"".join(words), "".join(distinctive)}:
                if len(key) >= MIN_LABEL_CHARS:
                    entries = keys.setdefault(key, [])
                    if all(p.provider_id != provider.provider_id for p, _f in entries):
                        entries.append((provider, form))
    return keys
