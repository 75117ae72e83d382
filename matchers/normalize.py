"""Text normalisation shared by the provider, course and name matchers.

Certificates spell the same organisation many ways ("St. Brendan College",
"SAINT BRENDAN COLLEGE, INC.", "Saint Brendan Coll."); comparing normalised
tokens lets the fuzzy scorer spend its tolerance on OCR noise, not on style.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

Words = tuple[str, ...]

# Abbreviations expanded to one spelling before comparing. Only expansions that
# cannot turn one approved name into another are listed (no "co" -> company:
# "Keystone Coaching Co." and "Keystone Coaching Collective" must stay apart).
ABBREVIATIONS: dict[str, str] = {
    "st": "saint",
    "ste": "sainte",
    "mt": "mount",
    "inst": "institute",
    "instit": "institute",
    "intl": "international",
    "int'l": "international",
    "univ": "university",
    "assn": "association",
    "assoc": "association",
    "acad": "academy",
    "ctr": "center",
    "cntr": "center",
    "centre": "center",
    "coll": "college",
    "educ": "education",
    "edu": "education",
    "sci": "science",
    "scis": "sciences",
    "hlth": "health",
    "natl": "national",
    "nat'l": "national",
    "lab": "laboratory",
    "labs": "laboratories",
    "dept": "department",
    "perf": "performance",
    "mgmt": "management",
    "tech": "technology",
}

# Words that carry no identity: legal forms and the article.
NOISE_WORDS = frozenset(
    {"the", "llc", "inc", "incorporated", "ltd", "limited", "pllc", "llp", "lp", "plc", "gmbh"}
)

# Words ignored when building an acronym from a name ("Blue Ridge Institute of Sport" -> BRIS).
ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "at", "on", "a", "an"})

_DIGIT_LOOKALIKES = str.maketrans("0158", "olsb")
_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^0-9a-z']+")


def strip_diacritics(text: str) -> str:
    """'José Núñez' -> 'Jose Nunez' (compatibility decomposition, marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def base_tokens(text: str) -> list[str]:
    """Lower-case ASCII words: diacritics, punctuation and '&' handled, nothing expanded."""
    text = strip_diacritics(text).casefold().replace("&", " and ").replace("+", " and ")
    text = _APOSTROPHES.sub("'", text)
    words = _NON_WORD.sub(" ", text).split()
    return [w.strip("'") for w in words if w.strip("'")]


def name_tokens(text: str, *, expand: bool = True) -> list[str]:
    """Tokens of an organisation or course name, abbreviations expanded, legal forms dropped."""
    tokens = []
    for word in base_tokens(text):
        word = (expand_abbreviation(word) if expand else word).replace("'", "")
        if word and word not in NOISE_WORDS:
            tokens.append(word)
    return tokens


@lru_cache(maxsize=16384)
def word_forms(text: str) -> tuple[Words, ...]:
    """The words with abbreviations expanded and, if different, as written.

    Both are compared because expansion can break OCR fragments apart:
    "Summit St rength" must not become "summit saint rength".
    """
    expanded, written = tuple(name_tokens(text)), tuple(name_tokens(text, expand=False))
    return (expanded,) if expanded == written else (expanded, written)


def expand_abbreviation(word: str) -> str:
    """'inst' -> 'institute'; also when OCR misread a letter as a digit ('5t' -> 'saint')."""
    if word in ABBREVIATIONS:
        return ABBREVIATIONS[word]
    misread = word.translate(_DIGIT_LOOKALIKES)
    return ABBREVIATIONS.get(misread, word) if misread != word else word


def normalize_name(text: str) -> str:
    """One spelling of a name: 'The St. Brendan Coll., Inc.' -> 'saint brendan college'."""
    return " ".join(name_tokens(text))


def acronym(text: str) -> str:
    """Initials of the significant words: 'Blue Ridge Institute of Sport' -> 'bris'."""
    return "".join(t[0] for t in name_tokens(text) if t not in ACRONYM_SKIP)


def compact_code(text: str) -> str:
    """A course code compared without case, spaces or dashes: 'c-1001 ' -> 'C1001'."""
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()
