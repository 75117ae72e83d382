"""What a course title looks like, and what only looks like one.

A title is words with capitals, starting with one. It is not the paper's
heading ("Certificate of Completion"), a form's section label ("Licensee
Details"), a lone status word ("Issued", "CERTIFIED"), the certificate's own
verb ("Hereby Certifies"), or a line whose letters were set apart and read
one by one ("E m e r g en cy").
"""

from __future__ import annotations

import re

from extractors import vocabulary as vocab
from extractors.names import fold_accents

# "Certificate of Completion", "Course Certificate": what the paper is, not its course.
HEADING = re.compile(
    r"^(?:(?:course|training|e-?learning)\s+)?(?:certificate|certificat|certificado|certificato|"
    r"attestation|attestato|constancia|sertifikat|zertifikat|certificaat|diploma|record|"
    r"statement|award)s?\b(?:\s+(?:of|de|di|da|del|von|van)\b.*)?$"
    r"|^(?:of\s+)?(?:completion|achievement|participation|attendance|competency|excellence|"
    r"appreciation|accomplishment)\b"
    r"|\bof\s+(?:completion|achievement|participation|attendance|appreciation|recognition)\b"
    # a card naming itself: "Certification Card", "Tarjeta de Certificación", "Carte de formation"
    r"|^(?:(?:certification|completion|course|training|provider|wallet)\s+)?"
    r"(?:card|tarjeta|carte|tessera|cart[aã]o|karte|kaart|kartu)(?:\s+(?:de|of|di|do|da|van)\s+"
    r"(?:certificaci[oó]n|certification|certificazione|certifica[cç][aã]o|formation|formaci[oó]n"
    r"|completion|formazione))?$",
    re.IGNORECASE,
)
# A form's section label: "Demographic Information", "Licensee Details".
_SECTION_LABEL = re.compile(
    r"^(?:[^\W\d_]+\s+){0,2}(?:information|details|summary|overview|history)$", re.IGNORECASE
)
# The certificate's sentence about its holder, set large: "Hereby Certifies", and its words
# in every language the vocabulary knows ("si attesta che", "diberikan kepada"), and a
# lead-in that ends on its "that" ("Hierbij verklaren wij dat", "Nous certifions que").
_HOLDER_VERB = re.compile(
    rf"\bcertif(?:y|ies)\b|\battests?\b|{vocab.AWARDED_TO}|{vocab.PRESENTING}"
    r"|\b(?:that|que|che|dass|dat|bahwa)\s*:?$"
    r"|^\W*(?:don|d)\W*(?:/\W*(?:dona|dna|d\W?a)\W*)?$",  # Spanish "D./Dña." before the name
    re.IGNORECASE,
)
_WORD = re.compile(r"(?<!\w)[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’]*(?!\w)")


def is_title(text: str) -> bool:
    """Words with capitals, starting with one; not a code, a number, a heading,
    a section label, a status word or the holder's sentence."""
    words = [w for w in _WORD.findall(text) if len(w) > 1]
    first = re.search(r"[^\W\d_]", text)
    return (
        len(words) >= 1
        and sum(len(w) for w in words) >= 4
        and first is not None
        and first.group(0).isupper()
        and not HEADING.search(text)
        and not _SECTION_LABEL.match(text.strip())
        and not _HOLDER_VERB.search(fold_accents(text))
        and not is_status_word(text)
        and not letters_set_apart(text)
        and not run_together(text)
    )


def names_the_holder(text: str) -> bool:
    """The certificate's words about its holder ("Presented to", "Hereby Certifies")."""
    return bool(_HOLDER_VERB.search(fold_accents(text)))


def is_status_word(text: str) -> bool:
    """A lone past participle says what happened ("Issued", "CERTIFIED",
    "Completed"): a label or a stamp, not what was studied."""
    words = text.split()
    return len(words) == 1 and bool(re.fullmatch(r"[^\W\d_]{3,}ed", words[0], re.IGNORECASE))


def letters_set_apart(text: str) -> bool:
    """Most tokens one or two characters long: spaced-out lettering read letter
    by letter ("J eff r e y L . C h i n"), not words."""
    tokens = text.split()
    short = [t for t in tokens if len(t) <= 2]
    return len(tokens) >= 5 and len(short) > 0.5 * len(tokens)


def run_together(text: str) -> bool:
    """A single "word" of more than twenty letters: OCR junk or letters run
    together, not a title."""
    words = text.split()
    return len(words) == 1 and len(words[0]) > 20
