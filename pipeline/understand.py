"""From page text to a document record: classify, extract fields, match, flag."""

from __future__ import annotations

import datetime as dt

from extractors import fields as read
from extractors import providers, when
from extractors.classify import Classification, classify, read_cues
from extractors.credits import CreditReading, find_credits, read_credits
from extractors.decide import decide
from extractors.found import Found, found
from extractors.labels import LabeledValue, labeled_values
from extractors.legibility import legibility
from extractors.textindex import LineRef, TextIndex
from ingest.model import DocumentText
from ingest.record import CardSide, DocumentRecord, DocumentType, Evidence, Fields, Match
from ingest.settings import Settings
from matchers.catalog import Catalog
from matchers.documents import match_with_provider
from matchers.mentions import PlacedLine
from matchers.normalize import word_forms
from matchers.providers import ProviderCandidate, score_provider
from pipeline.flags import document_flags
from pipeline.spelling import catalog_spellings

__all__ = ["Catalog", "understand"]


def understand(
    document: DocumentText,
    settings: Settings,
    *,
    catalog: Catalog | None,
    as_of: dt.date,
) -> DocumentRecord:
    index = TextIndex(document)
    aspect = _first_page_aspect(document)
    proposed = classify(
        index.text,
        settings,
        page_aspect=aspect,
        legibility=legibility(document, settings.kind_confident_at),
    )
    found_fields, credits, hands_on = extract(index, proposed, settings)
    kind = decide(
        proposed,
        read_cues(index.text, aspect),
        found_fields,
        confident_at=settings.kind_field_confident_at,
    )
    if proposed.document_type is DocumentType.UNKNOWN and kind.document_type is not (
        DocumentType.UNKNOWN
    ):
        # read again as what the fields showed it to be (a card's course and issuer
        # are read as a card's)
        found_fields, credits, hands_on = extract(index, kind, settings)
    if kind.document_type is not DocumentType.CPR_AED_CARD:
        hands_on = None
    if kind.card_side is CardSide.BACK:
        found_fields = _without_front(found_fields)
    if kind.proves_nothing:  # a buyer is no holder, an invoice's item no course
        found_fields, credits = {}, None
    evidence_kind = kind.document_type is not DocumentType.UNKNOWN and not kind.proves_nothing
    match, found_fields = _match(catalog if evidence_kind else None, found_fields, index, settings)
    fields = Fields.model_validate({name: f.value for name, f in found_fields.items()})
    if match is not None and match.approved:
        found_fields = _check_against_catalog(found_fields, catalog, match, settings)
    flags = document_flags(
        kind=kind,
        fields=fields,
        found_fields=found_fields,
        credits=credits,
        match=match,
        hands_on=hands_on,
        adult_cpr_aed=when.covers_adult_cpr_aed(index.text),
        document=document,
        catalog=catalog,
        as_of=as_of,
        settings=settings,
    )
    return DocumentRecord(
        source="",
        status="ok",
        sha256=document.triage.sha256,
        document_type=kind.document_type,
        card_side=kind.card_side,
        fields=fields,
        evidence={name: _evidence(f) for name, f in found_fields.items()}
        | {
            "document_type": Evidence(
                value=str(kind.document_type), confidence=kind.confidence, reason=kind.reason
            )
        },
        match=match,
        flags=flags,
        hands_on_skills=hands_on if kind.document_type is DocumentType.CPR_AED_CARD else None,
    )


def extract(
    index: TextIndex, kind: Classification, settings: Settings
) -> tuple[dict[str, Found], CreditReading | None, bool | None]:
    """Every field a reader would take from the page, whatever its kind.

    The proposed kind only chooses how a field is read, never whether: a page
    whose wording was not judged (``unknown``) is read as a certificate is. A
    document of another kind (a primary certification, a licence, thanks) is
    read like a certificate, for its holder, issuer, title and dates (a credential
    runs until it expires), but grants no credit and has no course code; a card's
    course code is only one labelled or printed at the head of its title. On a
    course certificate only the holder's own expiry counts: a provider's
    accreditation or a verification link's period is someone else's
    (``when.expiry_date``)."""
    labeled = labeled_values(index)
    is_card = kind.document_type is DocumentType.CPR_AED_CARD
    is_course = kind.document_type in (DocumentType.CEU_CERTIFICATE, DocumentType.UNKNOWN)
    back_only = kind.card_side is CardSide.BACK
    holder = read.holder_name(index, labeled, legible_at=settings.title_legible_at)
    issued = when.completion_date(index, labeled)
    title = read.course_title(
        index, labeled, is_card, legible_at=settings.title_legible_at, holder=holder
    )
    holder = _holder_apart_from_title(index, labeled, holder, title, settings.title_legible_at)
    code = None
    if is_course or is_card:
        code = read.course_code(index, labeled, title, is_card=is_card)
    results: dict[str, Found | None] = {
        "holder_name": holder,
        "provider_name": providers.card_issuer(index, back_only)
        if is_card
        else providers.provider_name(index, labeled, holder, title),
        "course_title": title,
        "course_code": code,
        "completion_date": issued,
        "certificate_id": read.certificate_id(index, labeled, str(code.value) if code else None),
    }
    results["expiry_date"] = when.expiry_date(index, labeled, issued, is_card=is_card)
    if is_card and results["expiry_date"] is not None:
        results["expiry_date"] = when.cross_check_expiry(
            results["expiry_date"], issued, settings.card_validity_years
        )
    credits = None
    hands_on = None
    if is_card:
        hands_on = when.hands_on_skills(index.text)
        # A card's course length as printed ("10 horas de duración"); a card grants no CEUs.
        card_credits = read_credits(find_credits(index), settings.ceus_per_contact_hour)
        results["contact_hours"] = _credit_fields(card_credits)["contact_hours"]
    elif is_course:
        credits = read_credits(find_credits(index), settings.ceus_per_contact_hour)
        results.update(_credit_fields(credits))
    return {name: f for name, f in results.items() if f is not None}, credits, hands_on


def _holder_apart_from_title(
    index: TextIndex,
    labeled: list[LabeledValue],
    holder: Found | None,
    title: Found | None,
    legible_at: float,
) -> Found | None:
    """A holder guessed from its size alone whose words are the course title's was read
    from a title line ("Curso COMPLETO de Teste de"): read again, that line apart."""
    if holder is None or title is None or holder.reason != read.SIZE_ONLY:
        return holder
    if not set(str(holder.value).split()) <= set(str(title.value).split()):
        return holder
    return read.holder_name(index, labeled, not_in=title.located, legible_at=legible_at)


_FRONT_FIELDS = ("holder_name", "course_title", "completion_date")


def _without_front(found_fields: dict[str, Found]) -> dict[str, Found]:
    """A card's back shows whose card it is and which course only on its front: the
    names on a back are its instructor's and training center's. The back keeps these
    fields only when holder, course and date were all read (``decide`` then calls the
    page the whole card), so what is dropped here was read from the wrong people."""
    return {name: f for name, f in found_fields.items() if name not in _FRONT_FIELDS}


def _credit_fields(credits: CreditReading) -> dict[str, Found | None]:
    ceus = None
    if credits.nasm_ceus is not None and credits.ceus_from is not None:
        ceus = found(credits.nasm_ceus, credits.ceus_from.located, credits.strength, credits.reason)
    hours = None
    if credits.contact_hours is not None and credits.hours_from is not None:
        hours = found(
            credits.contact_hours, credits.hours_from.located, 0.92, "printed contact hours"
        )
    return {"ceus": ceus, "contact_hours": hours}


def _match(
    catalog: Catalog | None, found_fields: dict[str, Found], index: TextIndex, settings: Settings
) -> tuple[Match | None, dict[str, Found]]:
    """The catalog match of any kind of document (certificates, cards, certifications).

    When the provider was recognised in the document text rather than in the
    provider field, the field becomes that provider's name, with the match as
    its evidence (what the field had read is kept in the reason). A provider
    name or course title misread with look-alike glyphs takes the catalog's
    spelling (``pipeline.spelling``).
    """
    if catalog is None:
        return None, found_fields
    completed = found_fields.get("completion_date")
    year = completed.value.year if completed and isinstance(completed.value, dt.date) else None
    found = match_with_provider(
        catalog,
        provider_text=_text(found_fields.get("provider_name")),
        course_text=_text(found_fields.get("course_title")),
        course_code=_text(found_fields.get("course_code")),
        full_text=index.text,
        completion_year=year,
        settings=settings,
        lines=[_placed(ref) for ref in index.lines],
    )
    if found is None:
        return None, found_fields
    field = found_fields.get("provider_name")
    provider = found.provider
    if provider is not None and provider.in_document and not _names(provider, field, settings):
        found_fields = found_fields | {"provider_name": _provider_named(provider, field, index)}
    return found.match, catalog_spellings(found_fields, catalog, found.match)


def _provider_named(provider: ProviderCandidate, field: Found | None, index: TextIndex) -> Found:
    """The matched provider as the provider field: its name as printed, else the catalog's."""
    ref = index.lines[provider.line] if provider.line is not None else None
    located = index.locate_line(ref) if ref is not None else None
    printed = provider.printed_name
    if ref is not None and printed:
        at = " ".join(ref.line.text.split()).find(printed)
        exact = index.locate(ref.start + at, ref.start + at + len(printed)) if at >= 0 else None
        located = exact or located
    value = printed or provider.provider.name
    reason = f"catalog match: {provider.describe()}"
    if field is not None and field.value != value:
        reason += f"; the provider field had read {field.value!r} ({field.reason})"
    return found(value, located, min(1.0, provider.score / 100), reason)


def _names(provider: ProviderCandidate, field: Found | None, settings: Settings) -> bool:
    """The provider field already names the matched provider (as printed: an alias)."""
    if field is None:
        return False
    score, _form = score_provider(provider.provider, word_forms(str(field.value)))
    return score >= settings.provider_match_cutoff


def _placed(ref: LineRef) -> PlacedLine:
    box = ref.line.box
    return PlacedLine(ref.line.text, ref.page, box.y0, box.y1)


def _text(item: Found | None) -> str | None:
    return str(item.value) if item is not None else None


def _check_against_catalog(
    found_fields: dict[str, Found], catalog: Catalog | None, match: Match, settings: Settings
) -> dict[str, Found]:
    """A printed CEU value that disagrees with the approved course loses confidence."""
    ceus = found_fields.get("ceus")
    provider = catalog.provider(match.provider_id) if catalog and match.provider_id else None
    course = provider.course(match.course_id) if provider and match.course_id else None
    if ceus is None or course is None or course.ceus is None or not isinstance(ceus.value, float):
        return found_fields
    if abs(course.ceus - ceus.value) > settings.ceus_agree_within:
        why = f"catalog lists {course.ceus:g} CEUs for this course"
        return found_fields | {"ceus": ceus.weakened(0.6, why)}
    return found_fields | {"ceus": ceus.weakened(1.0, "agrees with the catalog")}


def _evidence(item: Found) -> Evidence:
    located = item.located
    return Evidence(
        value=item.value,
        confidence=min(1.0, max(0.0, item.confidence)),
        page=located.page if located else None,
        box=located.box.as_list() if located else None,
        source_text=located.text if located else None,
        reason=item.reason,
    )


def _first_page_aspect(document: DocumentText) -> float | None:
    if not document.pages or not document.pages[0].width or not document.pages[0].height:
        return None
    page = document.pages[0]
    return max(page.width, page.height) / min(page.width, page.height)
