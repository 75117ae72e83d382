"""Which approved provider a document comes from, with the score that says how sure.

Two sources of evidence, merged per provider (the better one counts): the
extracted provider field, and every mention of a catalog name, alias or web
address in the whole document (``matchers.mentions``, ``matchers.hosts``),
scored by where it sits and raised a little when several lines name the same
provider. Short forms (acronyms such as "SSA") count in the field only when
the field is exactly that acronym, and in the text only standing alone: in
running text three capitals are too often something else ("EPA").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from matchers.catalog import Catalog, Provider
from matchers.hosts import host_mentions
from matchers.mentions import (
    REPEAT_BONUS,
    REPEAT_BONUS_MAX,
    REPEAT_FLOOR,
    Mention,
    PlacedLine,
    find_mentions,
    lines_from_text,
)
from matchers.normalize import Words, normalize_name, word_forms
from matchers.phrases import field_phrases
from matchers.scoring import ORG_WORDS, name_similarity, ocr_fold, plausible_pairs

SHORT_FORM_MAX_CHARS = 5
TOP_TO_COMPLETE = 3  # document candidates tried with the provider field joined on


@dataclass(frozen=True)
class ProviderCandidate:
    provider: Provider
    score: float  # 0-100
    matched_form: str  # the catalog name or alias that scored best
    text: str  # the piece of the upload it was compared with
    in_document: bool = False  # found in the document text, not in the provider field
    evidence: str = ""  # where the document names it, how often
    line: int | None = None  # the line of ``printed_name``, else of the best mention
    printed_name: str | None = None  # the provider's catalog name as the document prints it

    def describe(self) -> str:
        form = "name" if self.matched_form == self.provider.name else "alias"
        where = " in the document text" if self.in_document else ""
        evidence = f" [{self.evidence}]" if self.evidence else ""
        return (
            f"provider {self.text!r}{where} matched {form} {self.matched_form!r} "
            f"of {self.provider.provider_id} (score {self.score:.1f}){evidence}"
        )


def is_short_form(words: Words) -> bool:
    return len(words) == 1 and len(words[0]) <= SHORT_FORM_MAX_CHARS


def score_provider(
    provider: Provider, spellings: tuple[Words, ...], *, allow_short: bool = True
) -> tuple[float, str]:
    """Best score of a text's spellings against the provider's name, aliases and acronym."""
    best_score, best_form = 0.0, provider.name
    for form, form_spellings in provider.match_names:
        if is_short_form(form_spellings[0]):
            same = len(spellings[0]) == 1 and ocr_fold(spellings[0][0]) == ocr_fold(
                form_spellings[0][0]
            )
            score = 100.0 if allow_short and same else 0.0
        else:
            score = name_similarity(spellings, form_spellings)
        if score > best_score:
            best_score, best_form = score, form
    return best_score, best_form


def rank_providers(
    catalog: Catalog,
    phrases: Iterable[str],
    *,
    in_document: bool = False,
    allow_short: bool = True,
) -> list[ProviderCandidate]:
    """Each provider's best candidate over the phrases, best first."""
    texts = [(p, word_forms(p)) for p in phrases if word_forms(p)[0]]
    forms = [
        (k, spellings)
        for k, provider in enumerate(catalog.providers)
        for _f, spellings in provider.match_names
    ]
    pairs = plausible_pairs([s for _p, s in texts], [s for _k, s in forms])
    worth = {(i, forms[j][0]) for i, j in pairs}
    best: dict[str, ProviderCandidate] = {}
    for i, (phrase, spellings) in enumerate(texts):
        for k, provider in enumerate(catalog.providers):
            if (i, k) not in worth:
                continue
            score, form = score_provider(provider, spellings, allow_short=allow_short)
            known = best.get(provider.provider_id)
            if score > 0 and (known is None or score > known.score):
                best[provider.provider_id] = ProviderCandidate(
                    provider, score, form, phrase.strip(), in_document
                )
    return sorted(best.values(), key=lambda c: -c.score)


def find_providers(
    catalog: Catalog,
    provider_text: str | None,
    full_text: str,
    cutoff: float,
    lines: list[PlacedLine] | None = None,
) -> list[ProviderCandidate]:
    """Candidates best first, from the provider field and from the whole document.

    ``lines`` carry where each line sits on the page; without them the lines of
    ``full_text`` are searched with their place unknown.
    """
    found = rank_providers(catalog, field_phrases(provider_text)) if provider_text else []
    placed = lines if lines is not None else lines_from_text(full_text)
    from_document = document_candidates(catalog, placed)
    if provider_text:
        from_document = _reconciled_with_field(catalog, from_document, provider_text)
    merged = {c.provider.provider_id: c for c in found}
    for candidate in from_document:
        known = merged.get(candidate.provider.provider_id)
        if known is None or candidate.score > known.score:
            merged[candidate.provider.provider_id] = candidate
    return sorted(merged.values(), key=lambda c: -c.score)


def document_candidates(catalog: Catalog, lines: list[PlacedLine]) -> list[ProviderCandidate]:
    """Each provider the document names, scored by its best mention and how often."""
    by_provider: dict[str, list[Mention]] = {}
    for mention in find_mentions(catalog, lines) + host_mentions(catalog, lines):
        by_provider.setdefault(mention.provider.provider_id, []).append(mention)
    candidates = []
    for mentions in by_provider.values():
        mentions.sort(key=lambda m: (-m.score, m.form != m.provider.name))
        best = mentions[0]
        other_lines = {m.line for m in mentions[1:] if m.score >= REPEAT_FLOOR} - {best.line}
        bonus = min(REPEAT_BONUS_MAX, REPEAT_BONUS * len(other_lines))
        # Repeats raise a name, never an acronym or a host alone over the cutoff.
        raised = best.score >= REPEAT_FLOOR and best.spells_name
        score = min(100.0, best.score + bonus) if raised else best.score
        lines_named = len({m.line for m in mentions})
        evidence = best.place + (f"; named on {lines_named} lines" if lines_named > 1 else "")
        printed = next(
            (
                m
                for m in mentions
                if m.form == m.provider.name and m.spells_name and _same_words(m.printed, m.form)
            ),
            None,
        )
        candidates.append(
            ProviderCandidate(
                best.provider,
                round(score, 1),
                best.form,
                best.printed,
                True,
                evidence,
                printed.line if printed else best.line,
                " ".join(printed.printed.split()) if printed else None,
            )
        )
    return sorted(candidates, key=lambda c: -c.score)


def _same_words(printed: str, name: str) -> bool:
    """'NATIONAL ACADEMY OF SPORTS MEDICINE' is the name as printed; 'H and A Training'
    (for 'H&A Training') or an OCR-damaged spelling is not."""

    def words(text: str) -> list[str]:
        return re.sub(r"[^\w&]+", " ", text.casefold()).split()

    return words(printed) == words(name)


def _reconciled_with_field(
    catalog: Catalog, candidates: list[ProviderCandidate], provider_text: str
) -> list[ProviderCandidate]:
    """Document candidates re-read with the weak field joined on.

    Two-column layouts interleave lines, so the extracted field may hold only
    the end of the name: "Precision Movement" + "Lab" is the approved name.
    And when the field is an organisation word ("Collective") and the text
    matched only a short alias ("Summit Strength"), the field contradicts the
    alias: the joined name is what the document says, scored as such.
    """
    contradicting = _is_org_fragment(provider_text)
    result = []
    for rank, candidate in enumerate(candidates):
        if rank >= TOP_TO_COMPLETE:
            result.append(candidate)
            continue
        joined = _best_joined(catalog, candidate, provider_text)
        on_alias = candidate.matched_form != candidate.provider.name
        if joined is not None and (joined.score > candidate.score or (contradicting and on_alias)):
            result.append(joined)
        elif not (contradicting and on_alias):
            result.append(candidate)
    return sorted(result, key=lambda c: -c.score)


def _best_joined(
    catalog: Catalog, candidate: ProviderCandidate, provider_text: str
) -> ProviderCandidate | None:
    best = None
    for joined in (f"{candidate.text} {provider_text}", f"{provider_text} {candidate.text}"):
        ranked = rank_providers(catalog, [joined], in_document=True, allow_short=False)
        for found in ranked:
            if found.provider is candidate.provider and (best is None or found.score > best.score):
                best = found
    return best


def _is_org_fragment(text: str) -> bool:
    words = word_forms(text)[0]
    return 0 < len(words) <= 2 and words[0] in ORG_WORDS


def search_providers(
    catalog: Catalog, query: str, limit: int = 10, min_score: float = 50.0
) -> list[tuple[Provider, float]]:
    """Providers for a catalog search box, best first.

    Ranking is more lenient than matching: a partial query ("summit") should
    list Summit Strength Academy, so rapidfuzz ``WRatio`` (which rewards a
    query contained in a name) is combined with the matching score.
    """
    query_norm = normalize_name(query)
    if not query_norm:
        return []
    hits = []
    for provider in catalog.providers:
        score, _form = score_provider(provider, word_forms(query))
        for _printed, form_spellings in provider.match_names:
            score = max(score, fuzz.WRatio(query_norm, " ".join(form_spellings[0])))
        if score >= min_score:
            hits.append((provider, round(score, 1)))
    hits.sort(key=lambda hit: (-hit[1], hit[0].name))
    return hits[:limit]
