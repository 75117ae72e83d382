"""The issuer that speaks in the certificate's own sentence: "Riverbend Yoga School
hereby certifies that", "L'organisme de formation Centre Sport Santé atteste que",
"La Escuela ... certifica que", "Die Akademie ... bescheinigt". The organisation is
the subject of the verb that presents the holder, so it is the one that gave the
paper; a person signing ("I, Jane Roe, certify") is not an organisation and is left.
"""

from __future__ import annotations

import re

from extractors.found import Found, found
from extractors.names import clean_value, looks_like_org, trim_org
from extractors.textindex import TextIndex

_CAPITAL = r"(?-i:[A-ZÀ-Þ])"
_ARTICLE = r"(?:the|l'|la|le|el|il|lo|die|der|das|het|de|o|a)\s*"
# What a sentence calls the issuer before naming it: "L'organisme de formation".
_ROLE_NOUN = (
    r"(?:(?:training|education)\s+(?:provider|organi[sz]ation)|organisme\s+de\s+formation"
    r"|organisme|ente\s+di\s+formazione|bildungstr[aä]ger)\s+"
)
_PRESENTS = (
    r"(?:hereby\s+|hiermit\s+|por\s+la\s+presente\s+|con\s+la\s+presente\s+|dengan\s+ini\s+)?"
    r"(?:certif(?:ies|ie|ica)|attest(?:s|e|a)|acknowledges|confirms|declares|declara"
    r"|bescheinigt|best[aä]tigt|verklaart|menerangkan|menyatakan)\s"
)
_SUBJECT = re.compile(
    rf"(?:(?:^|[.;]\s+)(?:{_ARTICLE})?(?:{_ROLE_NOUN})?|\b(?:l'\s*)?{_ROLE_NOUN})"
    rf"(?P<org>{_CAPITAL}[\w&'’.-]*(?:[ \t]+(?:{_CAPITAL}[\w&'’.-]*|of|for|and|&|de|du|des|del"
    rf"|di|für|fur|van|voor|y|e|et|und)){{0,8}}?)[ \t]*,?\s+{_PRESENTS}",
    re.IGNORECASE | re.MULTILINE,
)


def issuer_that_speaks(index: TextIndex, holder_text: str) -> Found | None:
    """The organisation whose verb presents the holder, on the first page."""
    for match in _SUBJECT.finditer(index.text[: index.first_page_end]):
        name = trim_org(clean_value(match.group("org")))
        if not looks_like_org(name) or holder_text in name:
            continue
        located = index.locate(match.start("org"), match.end("org"))
        sentence = " ".join(match.group(0).split())
        return found(name, located, 0.8, f"the organisation that presents the holder: '{sentence}'")
    return None
