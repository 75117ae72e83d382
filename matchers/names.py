"""Is the holder printed on a certificate the trainer? Person-name matching.

Tolerated: middle names or initials present on one side only, diacritics,
hyphens and double surnames (one part is enough), nicknames (a small table),
"Lee, Dana" and "LEE DANA" order, suffixes and credentials (Jr., III, CPT),
and OCR misreads of one letter *when the letters look alike* (l/1/i, rn/m,
e/c, o/0) or one letter dropped from a long name. Not tolerated: any other
changed letter, so "Dana Leung" is not "Dana Lee" and "Mario Garcia" is not
"Maria Garcia": a different letter that OCR does not confuse is more often a
different person than a misread, and a holder mismatch only sends the entry
to a reviewer. Word scores are fixed per kind of difference (below); a pair
that is not one of the tolerated kinds scores its rapidfuzz ratio capped at
``UNRELATED_CAP``, under any sensible cutoff.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from ingest.settings import Settings
from matchers.normalize import strip_diacritics

SAME, NICKNAME, OCR_MISREAD, LETTER_DROPPED, INITIAL = 100.0, 95.0, 92.0, 90.0, 90.0
UNRELATED_CAP = 80.0
SWAPPED_PENALTY, SURNAME_PART_PENALTY = 3.0, 3.0
DEFAULT_CUTOFF: float = Settings.model_fields["holder_match_cutoff"].default

_NICKNAME_GROUPS = (
    "robert bob bobby rob robbie bert",
    "elizabeth liz lizzie beth betty betsy eliza libby",
    "william bill billy will willie liam",
    "katherine catherine kathryn katharine kate katie kathy cathy kat",
    "james jim jimmy jamie",
    "john jack johnny jon",
    "jonathan jon jonny",
    "richard rick ricky rich dick",
    "michael mike mikey mick",
    "margaret maggie meg peggy marge",
    "jennifer jen jenny",
    "christopher chris topher",
    "christina christine chris tina",
    "daniel dan danny",
    "joseph joe joey",
    "thomas tom tommy",
    "anthony tony",
    "alexander alex xander",
    "alexandra alex lexi sasha",
    "samuel sam sammy",
    "samantha sam sammie",
    "matthew matt",
    "andrew andy drew",
    "nicholas nick nicky",
    "steven stephen steve",
    "edward ed eddie ted",
    "theodore ted teddy theo",
    "benjamin ben benny",
    "patricia pat patty trish tricia",
    "patrick pat paddy",
    "susan sue suzy susie",
    "deborah debra deb debbie",
    "rebecca becky becca",
    "victoria vicky tori",
    "abigail abby",
    "charles charlie chuck",
    "gregory greg",
    "timothy tim timmy",
    "kenneth ken kenny",
    "ronald ron ronnie",
    "donald don donnie",
    "david dave davey",
    "joshua josh",
    "zachary zach zack",
    "jacob jake",
    "nathaniel nathan nate",
    "peter pete",
    "frederick fred freddie",
    "lawrence larry",
    "gerald jerry",
    "pamela pam",
    "cynthia cindy",
    "kimberly kim",
    "jessica jess jessie",
    "jacqueline jackie",
    "isabella isabel bella izzy",
)
NICKNAMES: dict[str, frozenset[int]] = {}
for _index, _group in enumerate(_NICKNAME_GROUPS):
    for _name in _group.split():
        NICKNAMES[_name] = NICKNAMES.get(_name, frozenset()) | {_index}

TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof"})
SUFFIXES = frozenset(
    {"jr", "sr", "ii", "iii", "iv", "phd", "md", "rn", "cpt", "nasm", "cscs", "ces", "pes", "mba"}
)
# Letter shapes OCR confuses, folded on both sides before comparing.
_LOOKALIKES = (
    ("rn", "m"),
    ("vv", "w"),
    ("cl", "d"),
    ("1", "l"),
    ("i", "l"),
    ("!", "l"),
    ("0", "o"),
    ("c", "e"),
    ("5", "s"),
    ("8", "b"),
    ("u", "v"),
)
_WORD = re.compile(r"[a-z0-9!]+")


@dataclass(frozen=True)
class NameMatch:
    score: float  # 0-100
    matched: bool
    reason: str


@dataclass(frozen=True)
class PersonName:
    given: str
    rest: tuple[str, ...]  # middle names and surname(s), in order

    @property
    def text(self) -> str:
        return " ".join((self.given, *self.rest))


def parse_person_name(text: str) -> PersonName | None:
    """'Lee, Dana M., Jr.' -> given 'dana', rest ('m', 'lee'); None if no word is left."""
    text = strip_diacritics(text).casefold().replace("'", "").replace("’", "")
    parts = [p for p in text.split(",") if p.strip()]
    words_of = [_words(p) for p in parts]
    if len(words_of) >= 2 and words_of[1]:  # "Lee, Dana": surname first
        words = words_of[1] + words_of[0] + [w for ws in words_of[2:] for w in ws]
    else:
        words = [w for ws in words_of for w in ws]
    while words and words[0] in TITLES:
        words = words[1:]
    return PersonName(words[0], tuple(words[1:])) if words else None


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.replace("-", " ")) if w not in SUFFIXES]


def word_match(expected: str, found: str, *, allow_initial: bool) -> tuple[float, str]:
    """Score of two name words and the kind of difference."""
    if expected == found:
        return SAME, "same"
    if allow_initial and min(len(expected), len(found)) == 1 and expected[0] == found[0]:
        return INITIAL, "initial"
    if NICKNAMES.get(expected, frozenset()) & NICKNAMES.get(found, frozenset()):
        return NICKNAME, "nickname"
    if _fold(expected) == _fold(found):
        return OCR_MISREAD, "OCR misread"
    longer, shorter = (expected, found) if len(expected) > len(found) else (found, expected)
    dropped = len(longer) == len(shorter) + 1 and Levenshtein.distance(longer, shorter) == 1
    if dropped and len(longer) >= 6:
        return LETTER_DROPPED, "one letter dropped"
    return min(fuzz.ratio(expected, found), UNRELATED_CAP), "different"


def _fold(word: str) -> str:
    for seen, meant in _LOOKALIKES:
        word = word.replace(seen, meant)
    return word


def _surname(expected: PersonName, found: PersonName) -> tuple[float, str, int, int]:
    """The best surname pair: (score, kind, index in expected.rest, index in found.rest).

    At least one of the pair must be the last word of its side, so one part of
    a double surname ("Garcia" for "Garcia-Lopez") is enough.
    """
    best = (0.0, "missing", -1, -1)
    for i, e_word in enumerate(expected.rest):
        for j, f_word in enumerate(found.rest):
            if i != len(expected.rest) - 1 and j != len(found.rest) - 1:
                continue
            score, kind = word_match(e_word, f_word, allow_initial=False)
            both_last = i == len(expected.rest) - 1 and j == len(found.rest) - 1
            if kind != "different" and not both_last:
                score, kind = score - SURNAME_PART_PENALTY, f"{kind}, one part of a double surname"
            if score > best[0]:
                best = (score, kind, i, j)
    return best


def _middles_conflict(expected: PersonName, found: PersonName, e_at: int, f_at: int) -> str | None:
    """A middle name on both sides that cannot be the same (not equal, nickname or initial)."""
    e_mid = [w for k, w in enumerate(expected.rest) if k != e_at]
    f_mid = [w for k, w in enumerate(found.rest) if k != f_at]
    shorter, longer = (e_mid, f_mid) if len(e_mid) <= len(f_mid) else (f_mid, e_mid)
    for word in shorter:
        if all(word_match(word, other, allow_initial=True)[1] == "different" for other in longer):
            return f"middle names differ ({' '.join(e_mid)!r} vs {' '.join(f_mid)!r})"
    return None


def _score_pair(expected: PersonName, found: PersonName) -> tuple[float, str]:
    given, given_kind = word_match(expected.given, found.given, allow_initial=True)
    if not expected.rest or not found.rest:
        return min(given, 60.0), "only one name on one side: the surname cannot be checked"
    surname, surname_kind, e_at, f_at = _surname(expected, found)
    if surname_kind == "missing" or surname < UNRELATED_CAP + 1:
        e_last, f_last = expected.rest[-1], found.rest[-1]
        score = min(given, fuzz.ratio(e_last, f_last), UNRELATED_CAP)
        return score, f"surname {f_last!r} is not {e_last!r}"
    if given < UNRELATED_CAP + 1:
        return min(given, surname), f"given name {found.given!r} is not {expected.given!r}"
    conflict = _middles_conflict(expected, found, e_at, f_at)
    if conflict:
        return min(given, surname, 70.0), conflict
    return min(given, surname), f"given name {given_kind}, surname {surname_kind}"


def match_person_name(
    expected: str,
    found: str,
    known_other_names: Sequence[str] = (),
    *,
    cutoff: float = DEFAULT_CUTOFF,
) -> NameMatch:
    """Compare the trainer's name (or a name they are also known by) with a holder name.

    Pass ``cutoff=settings.holder_match_cutoff``; the default is that setting's default.
    """
    found_name = parse_person_name(found)
    if found_name is None:
        return NameMatch(0.0, False, f"no name in {found!r}")
    best: NameMatch | None = None
    for index, candidate in enumerate((expected, *known_other_names)):
        candidate_name = parse_person_name(candidate)
        if candidate_name is None:
            continue
        options = [(*_score_pair(candidate_name, found_name), "")]
        if found_name.rest:
            swapped = PersonName(found_name.rest[-1], (found_name.given, *found_name.rest[:-1]))
            score, why = _score_pair(candidate_name, swapped)
            options.append((score - SWAPPED_PENALTY, why, ", order swapped"))
        score, why, note = max(options, key=lambda option: option[0])
        label = f"{candidate!r}" if index == 0 else f"known other name {candidate!r}"
        reason = f"{found!r} vs {label}: {why}{note} (score {score:.1f})"
        if best is None or score > best.score:
            best = NameMatch(round(score, 1), score >= cutoff, reason)
    return best or NameMatch(0.0, False, f"no name in {expected!r}")
