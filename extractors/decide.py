"""The kind and card side, decided after every reader has run.

The wording of a page (``extractors.classify``) proposes a kind; the fields
read from the page are evidence too. A person who sees a name, a course and a
date on a page reads a certificate whatever its wording ("Awarded to", a
letter, an attendance certificate in Italian), so a page whose wording was too
thin or too blurred to be judged, but whose fields were read, is decided from
those fields, with a lower confidence and a reason that says so. ``unknown``
is left for pages on which nothing was found. A kind never erases fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from extractors.classify import Classification, Cues, strongest_not_a_course
from extractors.found import Found
from ingest.record import CardSide, DocumentType

# What a person needs to see to call a page the record of a course: who, what and when.
_WHO = ("holder_name",)
_WHAT = ("course_title", "provider_name")
_WHEN = ("completion_date", "ceus", "contact_hours")
_TITLED = 2.0  # a certificate title's weight among the wording's cues (kind_words)
_SAID = 2.0  # the weight of one clear phrase among the wording's cues (kind_words)


@dataclass(frozen=True, slots=True)
class FieldEvidence:
    """Which of the fields that make a certificate were read, and how surely."""

    who: tuple[str, ...]
    what: tuple[str, ...]
    when: tuple[str, ...]
    strength: float  # the mean confidence of those fields

    @property
    def complete(self) -> bool:
        return bool(self.who and self.what and self.when)

    @property
    def names(self) -> tuple[str, ...]:
        return self.who + self.what + self.when


def field_evidence(fields: Mapping[str, Found], confident_at: float) -> FieldEvidence:
    """The certificate-making fields read with a confidence of ``confident_at`` or more."""

    def read(names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(n for n in names if n in fields and fields[n].confidence >= confident_at)

    who, what, when = read(_WHO), read(_WHAT), read(_WHEN)
    taken = [fields[n].confidence for n in who + what + when]
    return FieldEvidence(who, what, when, sum(taken) / len(taken) if taken else 0.0)


def decide(
    proposed: Classification,
    cues: Cues,
    fields: Mapping[str, Found],
    *,
    confident_at: float,
) -> Classification:
    """The final kind: the wording's when it judged one, else what the fields show."""
    evidence = field_evidence(fields, confident_at)
    if proposed.document_type is DocumentType.UNKNOWN:
        return _from_fields(proposed, cues, evidence)
    if proposed.document_type is DocumentType.CPR_AED_CARD:
        return _card_side(proposed, cues, evidence)
    return proposed


def _from_fields(proposed: Classification, cues: Cues, evidence: FieldEvidence) -> Classification:
    """Who, what and when read make a certificate; a page that names a life-support
    course ("BLSD", "RCP") says what by itself, so who and when make it a card."""
    about_cpr = cues.life_support.score >= 1.5 and not cues.grants_credit
    if not (evidence.complete or (about_cpr and evidence.who and evidence.when)):
        return proposed
    other = _not_a_course(cues)
    if other is not None:
        read = ", ".join(n.replace("_", " ") for n in evidence.names)
        why = f"its fields ({read}) on a page whose wording says {other}"
        return Classification(DocumentType.OTHER, None, round(min(0.6, evidence.strength), 3), why)
    kind = DocumentType.CPR_AED_CARD if about_cpr else DocumentType.CEU_CERTIFICATE
    # a wallet card's face that shows who holds it is its front; a page, the whole card
    front = cues.wallet and not cues.back.score
    side = (CardSide.FRONT if front else CardSide.BOTH) if about_cpr else None
    read = ", ".join(n.replace("_", " ") for n in evidence.names)
    reason = f"read as a {'card' if about_cpr else 'certificate'} from its fields ({read})"
    if cues.life_support.seen and about_cpr:
        reason += f"; about {', '.join(cues.life_support.seen)}"
    reason += f"; the wording alone: {proposed.reason}"
    return Classification(kind, side, round(min(0.7, evidence.strength), 3), reason)


def _not_a_course(cues: Cues) -> str | None:
    """What the page's wording says it is when that is not a course (a credential, thanks,
    a record of studies), however few its cues, if it says so more than it records a
    course: fields read from a diploma do not make it a course certificate."""
    found, what = strongest_not_a_course(cues)
    if cues.credit_amount or found.score < _SAID or found.score <= cues.certificate:
        return None
    return f"{what} ({', '.join(found.seen)})"


def _card_side(proposed: Classification, cues: Cues, evidence: FieldEvidence) -> Classification:
    """A page judged a card's back that shows who holds it, what and when is the whole
    card (a full-page certificate, an eCard), not its back; so is a "front" that names
    itself a certificate on a page not shaped like a wallet card (a CPR certificate)."""
    if not evidence.complete or proposed.card_side not in (CardSide.BACK, CardSide.FRONT):
        return proposed
    read = ", ".join(n.replace("_", " ") for n in evidence.names)
    if proposed.card_side is CardSide.BACK:
        why = f"holder, course and date read ({read}): the whole card"
    elif cues.form.score >= _TITLED and not cues.wallet:
        why = f"a full-page certificate ({', '.join(cues.form.seen)}) with {read}: the whole card"
    else:
        return proposed
    return replace(proposed, card_side=CardSide.BOTH, reason=f"{proposed.reason}; {why}")
