"""Pieces of text that may be a provider name or a course title.

An extracted field may still carry a label or a provider number ("Provided by:
Summit Strength Academy, LLC | Provider #1234"); a whole document carries the
name somewhere in a header line or inside prose ("... offered by Summit
Strength Academy on March 3"). Each piece is compared *whole* with a catalog
name: sliding word windows are not used, because the window "Summit Strength"
inside "Summit Strength Collective" would equal an approved alias.
"""

from __future__ import annotations

import re

from matchers.normalize import ABBREVIATIONS, name_tokens
from matchers.scoring import LEVEL_WORDS, ORG_WORDS

MAX_PHRASE_WORDS = 14

_SEPARATORS = re.compile(r"\s+[-–—|•·]\s+|[|•·;:()\[\]\t]|,\s+|\s{3,}")
_LABEL = re.compile(
    r"^\s*(?:(?:approved|ce|ceu|continuing education|education)\s+)*"
    r"(?:provider(?:\s+name)?|provided by|presented by|offered by|issued by|sponsored by|"
    r"awarded by|organi[sz]ation|course(?:\s+title|\s+name)?|title|program|from|by)\b"
    r"\s*[:#.\-]?\s*",
    re.IGNORECASE,
)
_PROVIDER_NUMBER = re.compile(
    r"\s*[,(]?\s*(?:provider|approval|sponsor)\s*(?:no\.?|number|#|id)\b.*$", re.IGNORECASE
)
# Words that end or split a run of capitalised words: document wording, not names.
_DOCUMENT_WORDS = frozenset(
    {
        "certificate",
        "certification",
        "completion",
        "certifies",
        "presents",
        "presented",
        "awarded",
        "approved",
        "provider",
        "continuing",
        "ceu",
        "ceus",
        "credits",
        "credit",
        "hereby",
        "date",
        "has",
        "completed",
        "successfully",
        "this",
        "that",
        "is",
        "by",
        "to",
        "on",
        "at",
        "nasm",
    }
)
_CONNECTORS = frozenset({"of", "and", "&", "for", "the", "de", "in", "y"})
_RUN_END = re.compile(r"[,;:!?)\]]$")


def field_phrases(text: str) -> list[str]:
    """The field as extracted, then without its label or provider number, then its segments."""
    pieces = [text, _strip_label(text)]
    pieces += [_strip_label(s) for s in _SEPARATORS.split(text)]
    return _unique(pieces)


def document_phrases(full_text: str) -> list[str]:
    """Candidate names in a whole document: lines, their segments and runs of capitalised words.

    A name wrapped onto a second line ("Precision Movement" / "Lab") is read
    joined; the first line alone is then not a candidate, since "Summit
    Strength" / "Collective" must not pass for the alias "Summit Strength".
    """
    lines = [line.strip() for line in full_text.splitlines() if line.strip()]
    pieces: list[str] = []
    for index, line in enumerate(lines):
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if continues_name(line, following):
            line = f"{line} {following}"
        pieces += field_phrases(line)
        pieces += capitalised_runs(line)
    return [p for p in _unique(pieces) if len(p.split()) <= MAX_PHRASE_WORDS]


def word_windows(full_text: str, sizes: set[int]) -> list[str]:
    """Runs of ``sizes`` words inside each line, for a course title inside a table row.

    A window next to a level word or a small number ("... Level 2", "Advanced ...",
    "... 2") is skipped: it is part of a longer title, a different course.
    """
    windows = []
    for line in full_text.splitlines():
        words = name_tokens(line, expand=False)
        for size in sizes:
            for start in range(len(words) - size + 1):
                before = words[start - 1] if start else ""
                after = words[start + size] if start + size < len(words) else ""
                if not (_extends_title(before) or _extends_title(after)):
                    windows.append(" ".join(words[start : start + size]))
    return list(dict.fromkeys(windows))


def _extends_title(word: str) -> bool:
    return word in LEVEL_WORDS or (word.isdigit() and len(word) == 1)


def continues_name(line: str, following: str) -> bool:
    """'Lab' under 'Precision Movement', 'Level 1' under a course title (table cells).

    The next line continues the name when it is one or two capitalised words
    (or numbers) starting with an organisation or level word.
    """
    words = following.split()
    return (
        0 < len(words) <= 2
        and len(line.split()) <= 6
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and words[0].strip(".,").casefold() in ORG_WORDS | LEVEL_WORDS | {"lab", "inc", "llc"}
    )


def capitalised_runs(line: str) -> list[str]:
    """'offered by Summit Strength Academy on March 3' -> ['Summit Strength Academy', 'March']."""
    runs: list[list[str]] = [[]]
    for raw in line.split():
        word = raw.strip("\"'“”‘’.,;:!?()[]")
        bare = word.casefold()
        if not word or bare in _DOCUMENT_WORDS or not _name_like(word, bool(runs[-1])):
            runs.append([])
            continue
        runs[-1].append(word)
        if _RUN_END.search(raw) or (raw.endswith(".") and _ends_sentence(bare)):
            runs.append([])
    return [" ".join(_trim_connectors(run)) for run in runs if _trim_connectors(run)]


def _name_like(word: str, inside_run: bool) -> bool:
    """Capitalised; or a connector or number continuing a run ('Level 1', 'Institute of Sport')."""
    return word[0].isupper() or (
        inside_run and (word.casefold() in _CONNECTORS or word[0].isdigit())
    )


def _ends_sentence(bare_word: str) -> bool:
    return len(bare_word) > 4 and bare_word not in ABBREVIATIONS


def _trim_connectors(run: list[str]) -> list[str]:
    start, end = 0, len(run)
    while start < end and run[start].casefold() in _CONNECTORS:
        start += 1
    while end > start and run[end - 1].casefold() in _CONNECTORS:
        end -= 1
    return run[start:end]


def _strip_label(text: str) -> str:
    return _PROVIDER_NUMBER.sub("", _LABEL.sub("", text, count=1)).strip(" ,.-")


def _unique(pieces: list[str]) -> list[str]:
    seen: set[str] = set()
    result = []
    for piece in pieces:
        key = " ".join(name_tokens(piece))
        if key and key not in seen:
            seen.add(key)
            result.append(piece)
    return result
