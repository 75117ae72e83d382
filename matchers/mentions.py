"""Where a document names an approved provider: every mention, scored by where it sits.

The catalog is the best dictionary of providers a reader has, so the whole
document is searched for each provider's name and aliases, not only the
provider field: a header or logo line, the certificate's own sentence ("in
accordance with the curriculum of the American Heart Association"), a
signer's affiliation ("Coordinator, NPTEL"), a web address
(``coursera.org/verify/...``, see ``matchers.hosts``).

Precision first:

- a run of words counts only as a whole name: the word after it must not be
  an organisation word ("Summit Strength" inside "Summit Strength
  Collective" is another organisation), nor the capitalised words after it
  run on into one ("Coursera Fitness Club", "Udemy Fitness Partners"), nor
  the word before it a capitalised name word ("Everest Summit Strength Academy");
- a one-word name must be that word, give or take one OCR letter ("Course" is
  not "Coursera");
- a short form ("ACE", "NPTEL") counts only as a line or segment of its own,
  or in a short line at the head of the page, never beside a number
  or a credit word, where it names a certifier of credits ("CEUs: NASM 1.9,
  ACE 3.0");
- a name in a venue, partner or standards phrase ("held at", "in
  partnership with", "supported by", "powered by", "consistent with the ...
  guidelines") is weak: the organisation is named but did not issue the
  document (a programme's technology partner or platform, a funder).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from matchers.catalog import Catalog, Provider
from matchers.normalize import Words, name_tokens, word_forms
from matchers.phrases import continues_name
from matchers.scoring import MINOR_WORDS, ORG_WORDS, name_similarity, ocr_fold, plausible_pairs

SHORT_FORM_MAX_CHARS = 5

# How much a mention is worth, by where it sits (times the name's similarity, 0-100).
NAME_PLACE = 1.0  # a line or segment that is the name, or the name at the head or foot
ISSUER_PHRASE = 1.0  # "offered through Coursera", "curriculum of the ..."
PROSE = 0.92  # elsewhere in a sentence
PARTNER_PHRASE = 0.6  # "held at", "in partnership with", "consistent with ... guidelines"
APPROVER_PHRASE = 0.0  # "approved for 0.8 CEUs by ...": the approver is never the issuer
SHORT_FORM = 0.8  # an acronym standing alone: supports, does not decide alone
# An acronym in a short line at the head of the page (a logo line), or as a line of
# its own when where lines sit is unknown. At the foot it is a signer's affiliation,
# which a co-organiser shares.
SHORT_FORM_AT_HEAD = 0.9
# Each further line naming the same provider adds this much, up to REPEAT_BONUS_MAX.
REPEAT_BONUS = 2.5
REPEAT_BONUS_MAX = 5.0
REPEAT_FLOOR = 75.0  # mentions weaker than this do not count as repeats
MENTION_FLOOR = 60.0  # weaker resemblances are not mentions at all
# Whole-string ratio below which a run is not aligned word by word (see
# ``matchers.scoring.PREFILTER_RATIO``: alignment scores of 60 and more had ratios of 65
# and more over the matching bench).
MENTION_PREFILTER = 65.0
HEAD, FOOT = 0.25, 0.85  # page fractions: above HEAD is the head, below FOOT the foot
SPACED_MIN_LETTERS = 4  # a line of this many single letters or more is one spaced-out word

_SEGMENT = re.compile(r"\s+[-–—|•·]\s+|[|•·;:()\[\]]|,\s+|\s{3,}")
_ISSUER_BEFORE = re.compile(
    r"\b(?:by|through|from|of|auspices of|curriculum of|on behalf of|with)\s*(?:the\s*)?$",
    re.IGNORECASE,
)
# An approving or accrediting body is named in the credit's sentence ("approved for 0.8
# CEUs by the ...", "accredited by ..."): it approved the course, it did not issue it.
_APPROVER_BEFORE = re.compile(
    r"\b(?:accredited|approved|endorsed|recogni[sz]ed|certified|licensed|registered)"
    r"(?:\s+(?!by\b)\S+){0,4}?\s+by\s*(?:the\s*)?$"
    r"|\bapproved (?:ce |education |continuing education )?provider (?:of|for|with)\s*(?:the\s*)?$",
    re.IGNORECASE,
)
_PARTNER_BEFORE = re.compile(
    r"\b(?:at|held at|in (?:partnership|collaboration|association|cooperation) with|"
    r"consistent with|according to|"
    r"(?:standards|criteria|guidelines) of|member of|valid (?:only )?for|funded by|"
    r"supported by|powered by|with (?:the )?support (?:of|from))\b",
    re.IGNORECASE,
)
_PARTNER_AFTER = re.compile(r"^\W*(?:\w+\W+){0,2}(?:guidelines|standards|approved|accredited)\b")
_CREDIT_WORDS = re.compile(r"\b(?:ceus?|cecs?|credits?|hours?|contact|points?|pdus?)\b", re.I)
_NUMBER = re.compile(r"^\W*\d")


@dataclass(frozen=True, slots=True)
class PlacedLine:
    """A line of the document and where it sits (page fractions; None when unknown)."""

    text: str
    page: int = 0
    top: float | None = None
    bottom: float | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    provider: Provider
    form: str  # the catalog name or alias it matched
    printed: str  # the words as printed
    line: int  # index of the line in the lines searched
    similarity: float  # 0-100, the name scorer's
    place: str  # where it sits, for the reason
    weight: float  # the place's worth (see the constants above)
    spells_name: bool = True  # the printed words spell the name (not an acronym or a host)

    @property
    def score(self) -> float:
        return round(self.similarity * self.weight, 1)


@dataclass(frozen=True, slots=True)
class _Token:
    raw: str  # the word as printed, punctuation stripped
    norm: str  # its normalised tokens joined ("" for a legal form such as Inc.)
    start: int  # character offset in the line
    end: int


def lines_from_text(text: str) -> list[PlacedLine]:
    """Lines of plain text, positions unknown."""
    return [PlacedLine(line) for line in text.splitlines() if line.strip()]


def find_mentions(
    catalog: Catalog, lines: Sequence[PlacedLine], floor: float = MENTION_FLOOR
) -> list[Mention]:
    """Every place the document names an approved provider, from ``floor`` similarity on.

    Mentions under the matching cutoff are kept: a name wrapped into another
    column ("Precision Movement" ... "Lab") is completed with the provider
    field, and the closest miss is reported."""
    joined = _joined_wrapped(lines)
    mentions: list[Mention] = []
    forms = [
        (provider, form, spellings)
        for provider in catalog.providers
        for form, spellings in provider.match_names
    ]
    for at, (number, line, following) in enumerate(joined):
        tokens = _tokens(line.text)
        if not tokens:
            continue
        mentions += _short_forms(forms, line, tokens, number)
        mentions += _long_forms(forms, line, tokens, number, following, floor)
        if at + 1 < len(joined) and joined[at + 1][1].page == line.page:
            _next, below, below_following = joined[at + 1]
            pair = PlacedLine(f"{line.text} {below.text}", line.page, line.top, below.bottom)
            runs = _long_forms(forms, pair, _tokens(pair.text), number, below_following, floor)
            mentions += [m for m in runs if m.printed.count(" ") > 0 and _crosses(m, line.text)]
    return mentions


def _crosses(mention: Mention, first_line: str) -> bool:
    """A name wrapped onto the next line ("... Teaching Hospital Nursing" / "Inservice
    Education Unit"): it starts in the first line and ends in the second."""
    words = first_line.split()
    return not first_line.endswith(mention.printed) and any(
        mention.printed.startswith(" ".join(words[k:])) for k in range(len(words))
    )


def _on_content(lines: Sequence[PlacedLine]) -> list[PlacedLine]:
    """Positions as fractions of the printed area, not of the page: a certificate
    scanned onto a larger sheet has its head well below the sheet's top."""
    extent: dict[int, tuple[float, float]] = {}
    for line in lines:
        if line.top is not None and line.bottom is not None:
            low, high = extent.get(line.page, (line.top, line.bottom))
            extent[line.page] = (min(low, line.top), max(high, line.bottom))
    placed = []
    for line in lines:
        low, high = extent.get(line.page, (0.0, 1.0))
        if line.top is None or line.bottom is None or high - low <= 0:
            placed.append(line)
            continue
        top, bottom = (line.top - low) / (high - low), (line.bottom - low) / (high - low)
        placed.append(replace(line, top=top, bottom=bottom))
    return placed


def _letters_joined(text: str) -> str:
    """'L i n k e d I n' (a text layer that spaces every letter) read as 'LinkedIn'."""
    words = text.split()
    single = sum(len(w) == 1 for w in words)
    if len(words) >= SPACED_MIN_LETTERS and single >= 0.8 * len(words):
        return "".join(words)
    return text


def _joined_wrapped(lines: Sequence[PlacedLine]) -> list[tuple[int, PlacedLine, str]]:
    """Lines (with their index) and a wrapped name end joined on ("Precision Movement" /
    "Lab"), and what follows (the name may go on: "Summit Strength" / "Collective")."""
    result = []
    skip = False
    lines = [replace(line, text=_letters_joined(line.text)) for line in _on_content(lines)]
    for index, line in enumerate(lines):
        if skip:
            skip = False
            continue
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if continues_name(line.text, following):
            line = PlacedLine(f"{line.text} {following}", line.page, line.top, line.bottom)
            skip = True
            following = lines[index + 2].text if index + 2 < len(lines) else ""
        result.append((index, line, following))
    return result


_PUNCTUATION = "\"'“”‘’.,;:!?()[]{}<>*©®™"


def _tokens(text: str) -> list[_Token]:
    tokens = []
    for match in re.finditer(r"\S+", text):
        printed = match.group(0)
        raw = printed.strip(_PUNCTUATION)
        if not raw:
            continue
        start = match.start() + len(printed) - len(printed.lstrip(_PUNCTUATION))
        norm = " ".join(name_tokens(raw))
        tokens.append(_Token(raw, norm, start, start + len(raw)))
    return tokens


def _place(line: PlacedLine, text: str, start: int, end: int) -> tuple[str, float]:
    """Where a mention sits in its line and on the page, and what that is worth."""
    before, after = text[:start], text[end:]
    if _APPROVER_BEFORE.search(" ".join(before.split()[-8:])):
        return "named as the body that approved or accredited the course", APPROVER_PHRASE
    if _PARTNER_BEFORE.search(" ".join(before.split()[-6:])) or _PARTNER_AFTER.search(after):
        return "in a venue, partner or standards phrase", PARTNER_PHRASE
    if _whole_segment(text, start, end):
        return "a line or segment of its own", NAME_PLACE
    if _at_edge(line):
        return "at the head or foot of the page", NAME_PLACE
    if _ISSUER_BEFORE.search(before.rstrip()):
        return "in the issuer's phrase", ISSUER_PHRASE
    return "in a sentence", PROSE


def _whole_segment(text: str, start: int, end: int) -> bool:
    """Nothing but punctuation, an article or a legal form beside it in its segment."""
    cuts = [0]
    for separator in _SEGMENT.finditer(text):
        cuts += [separator.start(), separator.end()]
    cuts.append(len(text))
    for seg_start, seg_end in zip(cuts[::2], cuts[1::2], strict=True):
        if seg_start <= start and end <= seg_end:
            head = re.sub(r"\W|\bthe\b", "", text[seg_start:start], flags=re.I)
            rest = re.sub(r"\W|\b(?:inc|llc|ltd|the)\b", "", text[end:seg_end], flags=re.I)
            return not head and not rest
    return False


def _at_head(line: PlacedLine) -> bool:
    return line.top is not None and line.page == 0 and line.top < HEAD


def _at_edge(line: PlacedLine) -> bool:
    if line.top is None or line.bottom is None or line.page != 0:
        return False
    return line.top < HEAD or line.bottom > FOOT


def _short_forms(
    forms: list[tuple[Provider, str, tuple[Words, ...]]],
    line: PlacedLine,
    tokens: list[_Token],
    number: int,
) -> list[Mention]:
    """Acronyms and short names standing alone ("CKI", "Coordinator, NPTEL")."""
    mentions = []
    short_line = len(tokens) <= 6
    for index, token in enumerate(tokens):
        if not (_looks_like_short_form(token.raw) or _wordmark(token, tokens, line)):
            continue
        for provider, form, spellings in forms:
            if not _is_short(spellings) or ocr_fold(token.norm) != ocr_fold(spellings[0][0]):
                continue
            if _beside_credits(line.text, tokens, index):
                continue
            place, weight = _place(line, line.text, token.start, token.end)
            if weight == PARTNER_PHRASE:
                continue
            standalone = _whole_segment(line.text, token.start, token.end)
            if not standalone and not (short_line and _at_head(line)):
                continue
            if _another_org_after(line.text, tokens, index + 1):
                continue
            unplaced_line = len(tokens) == 1 and line.top is None
            at_head = _at_head(line) and short_line
            weight = SHORT_FORM_AT_HEAD if at_head or unplaced_line else SHORT_FORM
            mentions.append(
                Mention(
                    provider, form, token.raw, number, 100.0, f"short form, {place}", weight, False
                )
            )
    return mentions


def _looks_like_short_form(raw: str) -> bool:
    """'CKI', 'NPTEL', 'Udemy' as printed: capitalised, at most five letters."""
    return 2 <= len(raw) <= SHORT_FORM_MAX_CHARS and raw[0].isupper() and raw.isalnum()


def _wordmark(token: _Token, tokens: list[_Token], line: PlacedLine) -> bool:
    """A name set in lower case alone at the head of the page: a logo's wordmark
    ("udemy", "edx") that the page's text layer or OCR carries."""
    raw = token.raw
    alone = len(tokens) == 1 and _at_head(line)
    return alone and 2 <= len(raw) <= SHORT_FORM_MAX_CHARS and raw.isalpha() and raw.islower()


def _is_short(spellings: tuple[Words, ...]) -> bool:
    words = spellings[0]
    return len(words) == 1 and len(words[0]) <= SHORT_FORM_MAX_CHARS


def _beside_credits(text: str, tokens: list[_Token], index: int) -> bool:
    """'NASM 1.9', 'ACE 3.0-CEP220140', '0.8 NASM CEUs': a certifier of credits."""
    after = text[tokens[index].end :]
    before = tokens[index - 1].raw if index else ""
    return bool(_NUMBER.match(after) or re.search(r"\d$", before) or _CREDIT_WORDS.search(text))


def _long_forms(
    forms: list[tuple[Provider, str, tuple[Words, ...]]],
    line: PlacedLine,
    tokens: list[_Token],
    number: int,
    following: str,
    floor: float,
) -> list[Mention]:
    """Names of two or more words, or one long word, as runs of the line's words."""
    long_forms = [(p, f, s) for p, f, s in forms if not _is_short(s)]
    sizes = {len(s[0]) + d for _p, _f, s in long_forms for d in (-1, 0, 1)}
    windows = [
        (start, start + size)
        for size in sorted(s for s in sizes if s >= 1)
        for start in range(len(tokens) - size + 1)
        if _edge_word(tokens[start]) and _edge_word(tokens[start + size - 1])
    ]
    texts = [word_forms(" ".join(t.raw for t in tokens[a:b])) for a, b in windows]
    worth = plausible_pairs(texts, [s for _p, _f, s in long_forms], MENTION_PREFILTER)
    mentions = []
    for i, j in sorted(worth):
        provider, form, spellings = long_forms[j]
        start, end = windows[i]
        if abs((end - start) - len(spellings[0])) > 1:
            continue  # sized for another name
        similarity = name_similarity(texts[i], spellings)
        if similarity < floor or not _bounded(line.text, tokens, (start, end), following):
            continue
        first, last = tokens[start], tokens[end - 1]
        place, weight = _place(line, line.text, first.start, last.end)
        printed = line.text[first.start : last.end]
        mentions.append(Mention(provider, form, printed, number, similarity, place, weight))
    return mentions


def _name_goes_on(tokens: list[_Token], end: int) -> bool:
    """'Saint Brennan College' + 'of Health': the name is longer than the run."""
    if end + 1 >= len(tokens) or tokens[end].raw.casefold() not in {"of", "for", "&"}:
        return False
    return tokens[end + 1].raw[:1].isupper()


_RUN_AFTER = 3  # capitalised words after a name that may still belong to it


def _another_org_after(text: str, tokens: list[_Token], end: int) -> bool:
    """'Coursera Fitness Club': the capitalised words after the name run on into an
    organisation word, so the whole run names another organisation."""
    previous_end = tokens[end - 1].end if end else 0
    for token in tokens[end : end + _RUN_AFTER]:
        between = text[previous_end : token.start]
        if re.search(r"[,;:|•·()\[\]]", between):
            return False  # a separator: what follows is apart from the name
        if not (token.raw[:1].isupper() and token.raw.isalpha()):
            return False
        if token.norm in ORG_WORDS or token.norm in BODY_NOUNS:
            return True
        previous_end = token.end
    return False


def _edge_word(token: _Token) -> bool:
    """A name starts and ends on a word of its own, not on 'at', 'the' or 'Inc.'."""
    return bool(token.norm) and token.norm not in MINOR_WORDS


def _bounded(text: str, tokens: list[_Token], run: tuple[int, int], following: str) -> bool:
    """The run is a whole name: no organisation word after it, nor a run of capitalised
    words ending in one, no name word before it."""
    start, end = run
    if end < len(tokens):
        after = tokens[end].norm
    else:
        words = name_tokens(following)
        after = words[0] if len(words) <= 2 and words else ""
    if after in ORG_WORDS or after in BODY_NOUNS or _name_goes_on(tokens, end):
        return False
    if _another_org_after(text, tokens, end):
        return False
    if start > 0:
        before = tokens[start - 1]
        separated = re.search(r"[,;:|•·)\]]$", before.raw) is not None
        capitalised = before.raw[:1].isupper() and before.raw.isalpha()
        if capitalised and not separated and before.norm not in _NOT_NAME_WORDS:
            return False
    return True


# The people a body gathers: after a run of name words, the name goes on ("American
# Council of Exercise Professionals" is not "American Council on Exercise").
BODY_NOUNS = frozenset(
    {
        "professionals",
        "trainers",
        "coaches",
        "instructors",
        "educators",
        "specialists",
        "practitioners",
        "therapists",
        "members",
        "experts",
        "partners",
        "associates",
    }
)


# Capitalised words that start a sentence or a label rather than a longer name.
_NOT_NAME_WORDS = frozenset(
    {
        "the",
        "by",
        "of",
        "from",
        "through",
        "with",
        "at",
        "for",
        "and",
        "certificate",
        "certified",
        "presented",
        "issued",
        "offered",
        "provided",
        "approved",
        "awarded",
        "in",
        "to",
        "this",
        "is",
        "director",
        "coordinator",
        "copyright",
    }
)
