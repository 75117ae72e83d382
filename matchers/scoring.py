"""The name scorer: an ordered alignment of words, each word compared fuzzily.

Why not a stock rapidfuzz scorer on the whole string: the unapproved near-miss
names differ from approved ones by one whole word ("Summit Strength
*Collective*" vs "Summit Strength *Academy*", "Ironwood Fitness *Club*" vs the
alias "Ironwood Fitness"), while genuine OCR noise changes letters inside
words. A whole-string ratio scores both alike (about 85-90); ``token_set_ratio``
scores "Summit Strength Collective" 100 against the alias "Summit Strength".
Here every word must find a partner that is itself close (rapidfuzz ``ratio``
above ``WORD_FLOOR`` after folding OCR confusions), a word without a partner
costs its weight, and a missing organisation word (Academy, Club, Society),
course level ("Advanced", "Level 2") or number costs more because those words
tell organisations and courses apart. ``bench/matching.py`` measures this
scorer against the rapidfuzz ones (see the README's figures).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

# Two words count as partners only from this similarity (0-100) on; below it a
# word is as good as missing. "movement"/"motion" (71) must not pair,
# "kinetic"/"kinetics" (93) and "strngth"/"strength" (93) must.
WORD_FLOOR = 80.0

ORG_WORDS = frozenset(
    {
        "academy",
        "association",
        "center",
        "club",
        "coalition",
        "collective",
        "college",
        "company",
        "corporation",
        "council",
        "education",
        "foundation",
        "group",
        "gym",
        "institute",
        "laboratory",
        "laboratories",
        "network",
        "school",
        "society",
        "studio",
        "studios",
        "systems",
        "university",
        "workshop",
    }
)
# Course levels: "Level 2" or "Advanced ..." is another course than the approved one.
LEVEL_WORDS = frozenset(
    {"advanced", "level", "part", "intermediate", "beginner", "basic", "introduction", "master"}
    | {"ii", "iii", "iv"}
)
IDENTITY_WEIGHT = 3.0
# Fragments joined to face one word ("summ it" ~ "summit") must be closer than single
# words, or a long word would swallow its neighbours ("professionals level 2").
MERGE_FLOOR = 90.0
MINOR_WORDS = frozenset({"of", "and", "for", "the", "in", "at", "on", "a", "an", "to", "with"})

# Letter shapes OCR confuses, folded on both sides before comparing words.
_OCR_FOLDS = (
    ("rn", "m"),
    ("vv", "w"),
    ("0", "o"),
    ("1", "l"),
    ("5", "s"),
    ("i", "l"),
    ("c", "e"),
    ("4", "a"),
)


def ocr_fold(word: str) -> str:
    for seen, meant in _OCR_FOLDS:
        word = word.replace(seen, meant)
    return word


def word_weight(word: str) -> float:
    if word in MINOR_WORDS:
        return 1.0
    return len(word) + 2.0


@lru_cache(maxsize=65536)
def word_similarity(a: str, b: str) -> float:
    """0-100; zero below ``WORD_FLOOR`` so a different word never earns partial credit."""
    if a == b:
        return 100.0
    score = max(fuzz.ratio(a, b), fuzz.ratio(ocr_fold(a), ocr_fold(b)))
    return score if score >= WORD_FLOOR else 0.0


# Gaps, one-to-one pairs, and up to three OCR fragments ("iro nwo od") against one word.
_STEPS = ((1, 0), (0, 1), (1, 1), (2, 1), (1, 2), (3, 1), (1, 3))

# One aligned pair: word indexes on the left, on the right, and their similarity.
Pair = tuple[tuple[int, ...], tuple[int, ...], float]


# Only pairs whose whole-string rapidfuzz ratio reaches this are aligned word by word:
# the alignment is slow Python, the ratio matrix is fast C. Over the bench cases a
# pair scoring 60 or more by alignment never had a ratio under 65.
PREFILTER_RATIO = 50.0


def plausible_pairs(
    lefts: Sequence[tuple[Sequence[str], ...]],
    rights: Sequence[tuple[Sequence[str], ...]],
    cutoff: float = PREFILTER_RATIO,
) -> set[tuple[int, int]]:
    """Indexes (left, right) of the pairs worth aligning; each item is a tuple of spellings."""
    left_text = [(i, " ".join(s)) for i, spellings in enumerate(lefts) for s in spellings]
    right_text = [(j, " ".join(s)) for j, spellings in enumerate(rights) for s in spellings]
    if not left_text or not right_text:
        return set()
    matrix = process.cdist(
        [t for _i, t in left_text],
        [t for _j, t in right_text],
        scorer=fuzz.ratio,
        score_cutoff=cutoff,
    )
    rows, columns = matrix.nonzero()
    return {(left_text[r][0], right_text[c][0]) for r, c in zip(rows, columns, strict=True)}


def name_similarity(lefts: Sequence[Sequence[str]], rights: Sequence[Sequence[str]]) -> float:
    """``best_alignment``, except that a one-word name allows one letter of OCR noise only.

    Fuzzy ratios are lenient on one word: "course" scores 86 against "coursera",
    a different word. Two spellings one edit apart after folding OCR look-alikes
    score 90, an exact one 100, anything else 0.
    """
    if len(rights[0]) != 1:
        return best_alignment(lefts, rights)
    if len(lefts[0]) != 1:
        return 0.0
    a, b = ocr_fold(lefts[0][0]), ocr_fold(rights[0][0])
    if a == b:
        return 100.0
    return 90.0 if min(len(a), len(b)) >= 6 and Levenshtein.distance(a, b) <= 1 else 0.0


def best_alignment(lefts: Sequence[Sequence[str]], rights: Sequence[Sequence[str]]) -> float:
    """The best ``alignment_score`` over the spellings of each side (see ``word_forms``)."""
    return max((_cached_score(tuple(a), tuple(b)) for a in lefts for b in rights), default=0.0)


@lru_cache(maxsize=65536)
def _cached_score(left: tuple[str, ...], right: tuple[str, ...]) -> float:
    """A document's runs repeat (a line alone and joined with its neighbours)."""
    return alignment_score(left, right)


def alignment_score(left: Sequence[str], right: Sequence[str]) -> float:
    """0-100: how completely each side is covered by close partners on the other, in order.

    Each side's coverage is its partnered weight (times similarity) over its
    total weight, where an organisation word without a partner counts
    ``IDENTITY_WEIGHT`` times; the score is the smaller coverage, so extra words on
    either side cost ("Coastal Kinetic Institute *of Massage*").
    """
    if not left or not right:
        return 0.0
    pairs = align(left, right)
    return round(min(_coverage(left, pairs, 0), _coverage(right, pairs, 1)), 1)


def _coverage(words: Sequence[str], pairs: list[Pair], side: int) -> float:
    partnered: dict[int, float] = {}
    for pair in pairs:
        indexes = pair[0] if side == 0 else pair[1]
        for index in indexes:
            partnered[index] = pair[2]
    earned = sum(word_weight(words[i]) * sim for i, sim in partnered.items())
    total = sum(
        word_weight(w) if i in partnered else _missing_weight(w) for i, w in enumerate(words)
    )
    return 100.0 * earned / total


def _missing_weight(word: str) -> float:
    """What a word without a partner costs: identity words cost ``IDENTITY_WEIGHT`` times more."""
    identity = word in ORG_WORDS or word in LEVEL_WORDS or any(ch.isdigit() for ch in word)
    return word_weight(word) * (IDENTITY_WEIGHT if identity else 1.0)


def align(left: Sequence[str], right: Sequence[str]) -> list[Pair]:
    """Ordered alignment maximising weighted similarity (dynamic programming with backtrack).

    Besides one-to-one pairs, two or three adjacent words may pair with one word
    on the other side, so "summ it" or "summitstrength" (OCR spacing) still align.
    """
    n, m = len(left), len(right)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    step: list[list[tuple[int, int, float]]] = [[(0, 0, 0.0)] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        for j in range(m + 1):
            for di, dj in _STEPS:
                if di > i or dj > j:
                    continue
                sim = 0.0
                if di and dj:
                    sim = word_similarity("".join(left[i - di : i]), "".join(right[j - dj : j]))
                    if di + dj > 2 and sim < MERGE_FLOOR:
                        sim = 0.0
                weight = sum(word_weight(w) for w in (*left[i - di : i], *right[j - dj : j]))
                value = best[i - di][j - dj] + (sim * weight if sim else 0.0)
                if value > best[i][j] or step[i][j] == (0, 0, 0.0):
                    best[i][j], step[i][j] = value, (di, dj, sim)
    pairs: list[Pair] = []
    i, j = n, m
    while i or j:
        di, dj, sim = step[i][j]
        if sim:
            pairs.append((tuple(range(i - di, i)), tuple(range(j - dj, j)), sim / 100.0))
        i, j = i - di, j - dj
    return pairs
