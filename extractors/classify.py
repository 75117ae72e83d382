"""What kind of document this is, from the words on it, as a reader would tell.

Cues are weighed, not matched one by one (the words are in ``kind_words``),
and the questions are asked in the order a reader asks them:

1. Can it be read at all? Little legible text, or a script whose wording is
   not known, leaves the kind ``unknown`` rather than guessed.
2. Is it a paper that proves nothing (an invoice, a schedule, a letter that
   reports no completion)? ``other``.
3. Is it about CPR, AED, life support or first aid, without granting
   continuing-education credit? A CPR/AED card, whatever its form (wallet
   card, eCard, certificate of participation, statement of attainment), with
   the side the page shows. A CME certificate about a resuscitation course
   that grants credit is a course certificate.
4. Does it confer a credential (a primary certification, a licence) or thank
   someone, rather than record a course, and print no CE credit? ``other``.
5. Does it record a course (someone completed it, the page names itself a
   certificate of completion, credit is granted)? A course certificate.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractors import kind_words as words
from extractors.card_side import card_side, is_wallet_shaped
from extractors.legibility import Legibility
from ingest.record import CardSide, DocumentType
from ingest.settings import Settings


@dataclass(frozen=True, slots=True)
class Classification:
    document_type: DocumentType
    card_side: CardSide | None
    confidence: float
    reason: str
    proves_nothing: bool = False  # an invoice, a schedule: no fields worth reading


@dataclass(frozen=True, slots=True)
class Weighed:
    score: float
    seen: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cues:
    """Every kind's cues found on one document."""

    completion: Weighed
    form: Weighed
    credits: Weighed
    course: Weighed
    life_support: Weighed
    card_form: Weighed
    back: Weighed
    credential: Weighed
    appreciation: Weighed
    study_record: Weighed
    not_evidence: Weighed
    credit_amount: bool
    wallet: bool

    @property
    def course_record(self) -> float:
        """Evidence that a course was completed, beyond naming one."""
        return self.completion.score + self.form.score + self.credits.score

    @property
    def certificate(self) -> float:
        return self.course_record + self.course.score

    @property
    def card(self) -> float:
        wallet = 1.0 if self.wallet else 0.0
        return self.life_support.score + self.card_form.score + 0.5 * self.back.score + wallet

    @property
    def grants_credit(self) -> bool:
        return self.credit_amount or self.credits.score >= 3.5


def read_cues(text: str, page_aspect: float | None = None) -> Cues:
    plain = words.folded(text)
    subject = _weigh(words.folded_out(plain, words.NOT_LIFE_SUPPORT), words.LIFE_SUPPORT)
    return Cues(
        completion=_weigh(plain, words.COMPLETION),
        form=_weigh(plain, words.CERTIFICATE_FORMS),
        credits=_weigh(words.folded_out(plain, words.NO_CREDIT), words.CE_CREDITS),
        course=_weigh(plain, words.COURSE_WORDS),
        life_support=subject,
        card_form=_weigh(plain, words.CARD_FORM),
        back=_weigh(plain, words.BACK),
        credential=_credential(plain),
        appreciation=_weigh(plain, words.APPRECIATION),
        study_record=_weigh(plain, words.STUDY_RECORD),
        not_evidence=_weigh(plain, words.NOT_EVIDENCE),
        credit_amount=words.has(plain, words.CREDIT_AMOUNT),
        wallet=is_wallet_shaped(page_aspect),
    )


def classify(
    text: str,
    settings: Settings,
    *,
    page_aspect: float | None = None,
    legibility: Legibility | None = None,
) -> Classification:
    """Type and side from the text; ``page_aspect`` (long/short side) hints at a wallet card."""
    if legibility is not None:
        unread = _unreadable(legibility, settings)
        if unread is not None:
            return unread
    cues = read_cues(text, page_aspect)
    decided = (
        _not_evidence(cues, settings)
        or _card(cues, text, page_aspect, settings)
        or _not_a_course(cues, settings)
        or _course(cues, settings)
    )
    if decided is not None:
        return decided
    return Classification(
        DocumentType.UNKNOWN,
        None,
        0.6,
        f"too few cues (card {cues.card:.1f}, certificate {cues.certificate:.1f})",
    )


def _unreadable(legibility: Legibility, settings: Settings) -> Classification | None:
    if legibility.letters < settings.unreadable_min_chars:
        why = f"almost no text was read ({legibility.letters} letters)"
    elif legibility.latin_share < settings.kind_min_latin_share:
        script = legibility.main_script.title()
        why = f"written mostly in {script} script ({legibility.latin_share:.0%} Latin letters)"
    elif (
        legibility.confident_share < settings.kind_min_legible_share
        and legibility.legible_lines < settings.kind_min_legible_lines
    ):
        why = (
            f"little legible text ({legibility.confident_share:.0%} of letters read clearly, "
            f"{legibility.legible_lines} clear lines)"
        )
    else:
        return None
    return Classification(DocumentType.UNKNOWN, None, 0.6, f"kind not judged: {why}")


def _not_evidence(cues: Cues, settings: Settings) -> Classification | None:
    """Invoices, schedules and letters, unless the letter reports a completion."""
    found = cues.not_evidence
    if found.score < settings.kind_min_cues or cues.completion.score >= 1.5:
        return None
    return Classification(
        DocumentType.OTHER,
        None,
        _sure(found.score, 6),
        f"not evidence: {_list(found)}",
        proves_nothing=True,
    )


def _card(
    cues: Cues, text: str, page_aspect: float | None, settings: Settings
) -> Classification | None:
    """About CPR/AED or first aid, and no CE credit granted (unless written as a card)."""
    if cues.grants_credit and cues.card_form.score < 3.0:
        return None
    about_cpr = cues.life_support.score >= 1.5 and cues.card >= settings.kind_min_cues
    card_back = cues.back.score >= 4.0 and cues.card_form.score >= 3.0
    if not (about_cpr or card_back):
        return None
    side = card_side(text, page_aspect)
    seen = ", ".join(cues.life_support.seen + cues.card_form.seen)
    return Classification(
        DocumentType.CPR_AED_CARD, side, _sure(cues.card, 8), f"card cues: {seen}; {side}"
    )


def _not_a_course(cues: Cues, settings: Settings) -> Classification | None:
    """A credential conferred, thanks given or a record of studies, with no CE credit and
    no stronger course record."""
    found, what = strongest_not_a_course(cues)
    what = f"{what}, not a course"
    if cues.credit_amount or found.score < settings.kind_min_cues:
        return None
    if found.score <= cues.certificate:
        return None
    return Classification(
        DocumentType.OTHER, None, _sure(found.score, 6), f"{what}: {_list(found)}"
    )


def strongest_not_a_course(cues: Cues) -> tuple[Weighed, str]:
    """The strongest wording of a paper that is not a course: a credential conferred,
    thanks given, a record of studies."""
    return max(
        (
            (cues.credential, "a credential"),
            (cues.appreciation, "thanks"),
            (cues.study_record, "a record of studies"),
        ),
        key=lambda kind: kind[0].score,
    )


def _course(cues: Cues, settings: Settings) -> Classification | None:
    if cues.certificate < settings.kind_min_cues:
        return None
    seen = cues.completion.seen + cues.form.seen + cues.credits.seen + cues.course.seen
    return Classification(
        DocumentType.CEU_CERTIFICATE,
        None,
        _sure(cues.certificate, 7),
        f"certificate cues: {', '.join(seen)}",
    )


def _credential(text: str) -> Weighed:
    """Wording that confers a credential, and the credential's names beside it."""
    conferring = _weigh(text, words.CONFERRING)
    if not conferring.score:
        return conferring
    names = _weigh(text, words.CREDENTIAL_NAMES)
    return Weighed(conferring.score + names.score, conferring.seen + names.seen)


def _weigh(text: str, cues: tuple[words.Cue, ...]) -> Weighed:
    total, seen = words.score(text, cues)
    return Weighed(total, seen)


def _sure(score: float, full: float) -> float:
    return min(1.0, score / full)


def _list(found: Weighed) -> str:
    return ", ".join(found.seen)
