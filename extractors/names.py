"""Telling a person's name, an organisation's name and a course title apart."""

from __future__ import annotations

import re
import unicodedata

from extractors import vocabulary as vocab

ORG_WORDS = re.compile(
    r"\b(institute|academy|education|college|university|council|association|society|"
    r"lab|laboratory|laboratories|labs|school|collective|company|club|center|centre|systems|"
    r"inc|llc|ltd|group|foundation|federation|alliance|network|studio|studios|corporation|"
    r"corp|partners|red cross|heart association|organization|organisation|agency|management|"
    rf"services|solutions|consulting|hospital|clinic|{vocab.ORGANISATION_WORDS})\b\.?",
    re.IGNORECASE,
)
# A letter's salutation: the person it is written to ("Dear Marta", "Estimada Lucia").
SALUTATION = re.compile(
    r"^\W*(?:dear|hello|hi|cher|ch[èe]re|estimad[oa]|querid[oa]|car[oa]|gentile|liebe|lieber"
    r"|beste|prezad[oa])\s+(?:(?:mr|mrs|ms|miss|dr|mme|m|sr|sra)\.?\s+)?(?P<given>[^\W\d_]{2,})",
    re.IGNORECASE,
)
# A letter's closing, the signer's name and organisation under it ("Sincerely,").
SIGN_OFF = re.compile(
    r"^\W*(?:(?:yours\s+)?(?:sincerely|truly|faithfully)|(?:best|kind|warm)?\s*regards"
    r"|respectfully|cordialement|atentamente|cordiali saluti|distinti saluti"
    r"|mit freundlichen gr(?:ü|ue)(?:ß|ss)en|atenciosamente|met vriendelijke groet)\b",
    re.IGNORECASE,
)
# Words a certificate prints about itself, its course or its credits: a line
# holding one is not a person's name.
_NOT_A_NAME = re.compile(
    r"\b(certificate|certifies|certify|certified|completion|completed|course|provider|date|"
    r"hours?|ceus?|cecs?|signature|signed|training|program(?:me)?|presented|awarded|"
    r"successfully|achievement|recognition|credits?|approved|continuing|education|nasm|card|"
    r"valid|issued|expires|renewal|this|that|the|and|for|with|has|of|in|cpr|aed|first|aid|"
    r"adult|bls|holder|transcript|id|no|number|code|page|total|record|department|level|"
    r"support|life|basic|advanced|certificat|attestation|formation|cours|curso|certificado|"
    r"diploma|workshop|seminar|module|skills?|online|verify|learning|yes|details?|"
    r"certifica|certifie|certifico|atteste|attesta|bescheinigt|que|che|dass|bahwa|"
    rf"{vocab.CERTIFICATE_WORDS}|{vocab.COURSE_NOUNS}|{vocab.LIFE_SUPPORT_WORDS})\b",
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
_LETTER_RUN = re.compile(r"([^\W\d_])\1{3}")
_SUFFIX = re.compile(r"^(jr|sr|ii|iii|iv|phd|md|cpt)\.?,?$", re.IGNORECASE)


def clean_value(text: str) -> str:
    """Strip label punctuation, quotes and stray marks around a value."""
    text = re.sub(r"\s+", " ", text).strip()
    text = _OCR_L_FOR_I.sub("I", text)
    return text.strip(" :;#|,-–—\"'“”‘’„‚«»‹›_").strip()


_CAPS_WORD_GLYPHS = re.compile(r"\b(?=[A-Z!|1]*[A-Z]{2})[A-Z!|1]{3,}(?![\w!|])")


def read_back_capitals(text: str) -> str:
    """A name set in capitals with an I that OCR read as '!', '|' or '1' ("ILSE DRAVIK!"),
    read back; other words are left as printed."""
    return _CAPS_WORD_GLYPHS.sub(lambda m: re.sub(r"[!|1]", "I", m.group(0)), text)


def looks_like_person(text: str) -> bool:
    text = fold_accents(text)
    tokens = clean_value(text).split()
    if not 2 <= len(tokens) <= 6:
        return False
    if _NOT_A_NAME.search(text) or ORG_WORDS.search(text) or re.search(r"\d", text):
        return False
    if SALUTATION.match(text):  # "Dear Dana": the greeting, not the name
        return False
    if SIGNER_TITLE.search(text) or re.search(r"\bname\b", text, re.IGNORECASE):
        return False
    name_tokens = [t for t in tokens if not _SUFFIX.match(t)]
    if not all(_NAME_TOKEN.match(t) for t in name_tokens):
        return False
    if len(name_tokens[0].strip(",")) == 1:
        return False  # a name opens with a given name or an initial with its dot, not "O"
    if name_tokens[-1].lower() in _PARTICLES:
        return False  # "de", "van" lead to a surname: a line stopping on one is cut short
    return all(t[0].isupper() or t.lower() in _PARTICLES for t in name_tokens)


def looks_like_person_in_lower_case(text: str) -> bool:
    """A name typed in lower case by its holder ("maria lopez"), as e-learning
    certificates print what the learner typed: read only where the page's
    sentence or a label says a name follows."""
    words = text.split()
    substantial = sum(len(w) >= 3 for w in words) >= 2
    return (
        text == text.lower()
        and substantial
        and not is_texture(text)
        and looks_like_person(text.title())
    )


def is_texture(text: str) -> bool:
    """A dotted rule or a pattern OCR read as letters ("nnnneeee"): four of one
    letter in a row, which no name or word of a certificate has (digits may)."""
    return _LETTER_RUN.search(text) is not None


def fold_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def looks_like_org(text: str) -> bool:
    words = clean_value(text).split()
    return 1 <= len(words) <= 10 and bool(ORG_WORDS.search(fold_accents(text)))


# In the languages that put the organisation's noun first, a name starts with it.
_ORG_WORD_FIRST = re.compile(rf"^\W*(?:{vocab.ORGANISATION_WORDS})\s+(?!\W*$)", re.IGNORECASE)


def names_an_org(text: str) -> bool:
    """Whether a line is an organisation's name ("University of Helsinki",
    "Coastal Fitness Academy"), not a title that mentions one ("AWS Academy
    Graduate - Cloud Foundations")."""
    text = fold_accents(text)
    if _ORG_WORD_FIRST.match(text):  # "Escuela Iberica de Fitness", "Lembaga Pelatihan ..."
        return True
    for match in ORG_WORDS.finditer(text):
        after = text[match.end() :].strip()
        if not after or re.match(r"(?:of|for|de|at|in)\b|[,(|]", after, re.IGNORECASE):
            return True
    return False


def trim_org(text: str) -> str:
    """An organisation's name without the sentence it was written in."""
    cut = re.split(
        r"\s+(?:and\s+(?:is|was|has|offered|provided|delivered)|offered|provided|delivered|"
        r"through|via|on behalf|(?:hereby\s+)?(?:certif(?:y|ies)|attests?|recogni[sz]es"
        r"|confirms?|awards?|awarded|presented|granted|issued)\b"
        rf"|{vocab.PRESENTING})\b|[,;(]|\s[-–—|]\s"
        r"|\s+(?-i:an?\s+(?=[A-Z]))",  # an appositive: "Headgear Labs a Neuro Linguistic ..."
        clean_value(text),
        maxsplit=1,
        flags=re.IGNORECASE,
    )[0]
    words = clean_value(cut).split()
    while words and not _ORG_WORD_START.match(words[0]):
        words.pop(0)  # logo marks and stray words before the name: "C) Coastal ..."
    if len(words) > 2 and words[0].casefold() == "the":
        words.pop(0)  # "The Postgraduate Institute for Medicine": the name is what follows
    return " ".join(words)


def tidy_person(text: str) -> str:
    text = _COURTESY.sub("", clean_value(text))
    return _without_speck(re.sub(r"\s*,\s*$", "", text))


def _without_speck(text: str) -> str:
    """A name set in capitals with a speck OCR read as a small word before it
    ("Az MORALES QUINTERO"): the speck goes, the name stays."""
    first, *rest = text.split() or [""]
    capitals = [w for w in rest if len(w) > 1 and w.isupper()]
    speck = len(first) <= 2 and not first.isupper() and first.lower() not in _PARTICLES
    return " ".join(rest) if speck and len(capitals) >= 2 and len(capitals) == len(rest) else text


# What a signer prints under or beside their name ("Director of Education",
# "Head of Learning", "Jane Roe, Formateur"): the name is not the holder's.
ROLE_WORDS = (
    r"dean|director|directora?|directeur|directrice|manager|coordinator|coordinador[a]?|"
    r"coordonnateur|coordonnatrice|president|pr[ée]sidente?|vice|"
    r"instru(?:c)?tor(?:e?s|as?)?|instructeur|"
    r"trainer|formateur|formatrice|chair(?:man|woman|person)?|officer|registrar|"
    r"administrator|signature|signed|ceo|cfo|coo|cto|chief|head\s+of|founder|fondateur|"
    r"fondatrice|fundador[a]?|professor|lecturer|mentor|principal|provost|rector|recteur|"
    r"rector[a]?|superintendent|supervisor|secretary|secr[ée]taire|secretari[oa]|"
    r"executive|chancellor|commissioner|treasurer|educator|facilitator|examiner|"
    r"evaluator|assessor|proctor|gerente|jefe|responsable|g[ée]rant"
)
SIGNER_TITLE = re.compile(rf"\b(?:{ROLE_WORDS})\b", re.IGNORECASE)
# A role after a comma on the name's own line: "Jane Roe, Formateur".
_ROLE_AFTER_COMMA = re.compile(rf",\s*(?:[\w.]+\s+){{0,3}}(?:{ROLE_WORDS})\b", re.IGNORECASE)
# Courtesy titles people put before a holder's name; the name is kept without them.
_COURTESY = re.compile(
    r"^(?:mr|mrs|ms|miss|mx|mme|mlle|m|sr|sra|srta|sig|sig\.ra|madame|monsieur|mademoiselle|"
    r"se[ñn]ora?|se[ñn]orita|senhora?|signora?|signorina|herr|frau)\.?\s+(?=\S)",
    re.IGNORECASE,
)


_ROLE_LINE = re.compile(
    rf"^\W*(?:(?:senior|associate|assistant|deputy|interim|acting|global)\s+)?(?:{ROLE_WORDS})\b"
    rf"|\b(?:{ROLE_WORDS})\s*(?:,|of\b|de\b|du\b)",
    re.IGNORECASE,
)


def states_a_role(text: str) -> bool:
    """A line that says what someone is ("Executive Director", "Professor,
    University of X", "Director of Education"), not a title that names a
    role ("Certified Personal Trainer")."""
    return bool(_ROLE_LINE.search(text))


_CREDENTIALS = re.compile(
    r"^(?:dr|prof)\.?\s|,\s*(?:ms|ma|msc|bsc|mba|phd|md|cscs|rn|edd|dpt)\b", re.IGNORECASE
)


def has_credentials(text: str) -> bool:
    """A name with an academic title or degrees ("Dr. Anne Holt", "Lee Park, PhD"):
    a person who teaches or signs, never an organisation."""
    return bool(_CREDENTIALS.search(text))


def has_role(text: str) -> bool:
    """Whether a name's line also carries a signer's role after a comma."""
    return bool(_ROLE_AFTER_COMMA.search(text))
