"""Who issued the document: a certificate's provider, a card's issuer.

A labelled value first ("Provider:", "offered by"); else the organisation the
certificate's sentence names as the one that gave it ("offered through
Coursera", "Issued on 3 Mar 2025 by ...", "organized by ...", "in accordance
with the curriculum of the ..."); else the organisation named at the head of
the page, joined with the line it wraps into (an organisation that presents the holder,
"X hereby certifies that", before it); else the name the page's own web
address spells (``extractors.addressed``); else the masthead. Taglines ("A
CERTUS COMPANY"), phone lines and a lone organisation word are not names.
For a card, the national CPR issuer printed on it (not a training center
that carries its name, not a standards phrase), else its web address, else
(on a front) the organisation its sentence names, else an organisation-shaped
line at the top.
"""

from __future__ import annotations

import re

from extractors import vocabulary as vocab
from extractors.addressed import name_its_address_spells
from extractors.dates import find_dates
from extractors.found import Found, found
from extractors.holder import is_signer
from extractors.issuer_speaks import issuer_that_speaks
from extractors.issuers import find_issuer, issuer_of_host
from extractors.kind_words import CARD_COURSE, folded
from extractors.labels import LabeledValue, best_labeled, label_strength
from extractors.names import (
    ROLE_WORDS,
    SALUTATION,
    SIGN_OFF,
    SIGNER_TITLE,
    clean_value,
    fold_accents,
    has_credentials,
    looks_like_org,
    looks_like_person,
    trim_org,
)
from extractors.textindex import LineRef, TextIndex, locate_lines
from extractors.title_shape import names_the_holder

_NOT_PROVIDER_LINE = re.compile(
    r"\bcertificate\b|\btranscript\b|\bis approved\b|approved to offer|this certifies"
    r"|completion|participation|attendance|achievement|^\W*an?\s|\bphone\b|\bfax\b"
    r"|\btel\b|\bcertified in\b|\bstatement of\b|\brecord\b|\bdiploma\b"
    rf"|\b(?:{vocab.CERTIFICATE_WORDS})\b|\bsuccessfully\b"
    r"|\b(?:has|have)\s+(?:\w+\s+)?(?:completed|attended|participated|been)\b"
    r"|\b(?:name|signature|signed|title|date)\s*:?\s*$",  # a form's caption: "Official Name"
    re.IGNORECASE,
)
_APP_CONTROL = re.compile(rf"^\W*(?:{vocab.APP_CONTROLS})\b", re.IGNORECASE)  # "Download PDF"
_ADDRESS = re.compile(r"www\.|https?:|@|\.(?:com|org|net|edu|gov)\b", re.IGNORECASE)
# The certificate's own sentence naming who gave it; the organisation follows.
_ISSUER_SENTENCE = re.compile(
    r"\b(?:offered through|delivered (?:through|by)|issued(?: on [^\n]{1,25}?)? by|provided by|"
    r"organi[sz]ed by|under the auspices of|in\s+accordance\s+with\s+the\s+(?:[\w&]+\s+){1,3}?of|"
    r"requirements (?:prescribed )?(?:of|by)"
    rf"|{vocab.ISSUED_BY})\s+(?:the\s+|il\s+|la\s+|le\s+|el\s+|o\s+|a\s+|l')?",
    re.IGNORECASE,
)
_ORG_RUN = re.compile(
    r"(?:[A-Z][\w&'’.-]*)(?:\s+(?:[A-Z][\w&'’.-]*|of|for|and|&|at|de|du|des|la|le|"
    r"on(?=\s+(?!(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun))"
    r"[A-Z]))){0,10}"
)
_CONNECTOR_END = re.compile(r"(?:\s+(?:of|for|and|&|at|on|de|du|des|la|le))+$")
# Where a card names its training center or site: someone else than the issuer.
_TRAINING_CENTER_LABEL = re.compile(
    r"training\s+(?:center|centre|site)|\blocation\b|conducted by|instructor", re.IGNORECASE
)


def _a_signers_line(index: TextIndex, value: LabeledValue) -> bool:
    """The labelled value is read on a line that a signer's name fills."""
    at = value.value
    return any(
        ref.page == at.page and ref.line.box.overlaps(at.box) and is_signer(index, ref)
        for ref in index.lines
    )


def provider_name(
    index: TextIndex,
    labeled: list[LabeledValue],
    holder: Found | None,
    title: Found | None = None,
) -> Found | None:
    """The certificate's provider: a labelled value, else the organisation at the top;
    never the line the course title was read from, nor a signer's name a "Provider"
    label picked up from the signature beside it."""
    holder_text = str(holder.value) if holder else "\x00"
    named = _named_in_sentence(index, holder_text)
    for value in best_labeled(labeled, "provider_name"):
        text = trim_org(value.value.text)
        letters = sum(c.isalpha() for c in text)
        signed = _a_signers_line(index, value)
        person = SIGNER_TITLE.search(text) or signed or has_credentials(text)  # a presenter
        if letters >= 3 and len(text.split()) <= 10 and not person:
            if named is not None and _completes(str(named.value), text):
                return named  # "provided by the Postgraduate" / "Institute for Medicine."
            return found(text, value.value, label_strength(value), f"label '{value.label}'")
    if named is not None:
        return named
    speaking = issuer_that_speaks(index, holder_text)
    if speaking is not None:
        return speaking
    orgs = [
        ref
        for ref in index.lines
        if ref.page == 0
        and looks_like_org(ref.line.text)
        and holder_text not in ref.line.text
        and not SIGNER_TITLE.search(ref.line.text)
        and not _NOT_PROVIDER_LINE.search(fold_accents(ref.line.text))
        and not _holders_affiliation(index, ref, holder)
        and not _is_the_title(ref, title)
    ]
    for top in sorted(orgs, key=lambda ref: ref.line.box.y0 - 0.5 * ref.line.box.height):
        lines = _wrapped_block(index, top, holder_text)
        text = _without_logo_noise(trim_org(_after_label(" ".join(r.line.text for r in lines))))
        if len(text.split()) >= 2 and _name_shaped(text):  # not "Association" alone, not prose
            return found(text, locate_lines(lines), 0.7, "organisation name at the top")
    return (
        name_its_address_spells(index, holder_text)
        or _masthead(index, holder_text, title)
        or _signers_organisation(index)
    )


# "of" or "from" introducing the holder's school or employer ("Jane Roe / of / Acme College").
_AFFILIATION = re.compile(r"^(?:of|from|de|du|del|da|do|di)\b", re.IGNORECASE)
# A signer's role and the organisation it serves: "Training Manager, Eduvance", "CEO, Acme".
_ROLE_AT_ORG = re.compile(
    rf"^(?:[\w.&'-]+\s+){{0,3}}?(?:{ROLE_WORDS})\s*(?:,|\bat\b|\bof\b)\s*"
    r"(?P<org>(?-i:[A-Z])[\w&'.-]*(?:\s+(?:(?-i:[A-Z])[\w&'.-]*|of|for|and|&)){0,6})\s*$",
    re.IGNORECASE,
)


def _holders_affiliation(index: TextIndex, ref: LineRef, holder: Found | None) -> bool:
    """The organisation the holder belongs to, printed just under the name after "of" or
    "from" (on its own line or heading this one): the holder's, not the issuer."""
    if holder is None or holder.located is None:
        return False
    name_line = next(
        (r for r in index.lines if r.page == ref.page and r.line.box.overlaps(holder.located.box)),
        None,
    )
    if name_line is None or ref.line.box.y0 < name_line.line.box.y0:
        return False
    between = [
        r for r in index.lines if r.page == ref.page and name_line.line.box.y1 <= r.line.box.cy
    ]
    between = [r for r in between if r.line.box.cy < ref.line.box.y0]
    words = " ".join(r.line.text for r in between).split()
    lead = " ".join([*words, ref.line.text.split()[0] if ref.line.text.split() else ""])
    return len(between) <= 1 and _AFFILIATION.match(lead) is not None


def _is_the_title(ref: LineRef, title: Found | None) -> bool:
    """The line the course title was read from, or the title printed again (a
    banner repeating the course the sentence names)."""
    if title is None:
        return False
    there = title.located
    if there is not None and there.page == ref.page and ref.line.box.overlaps(there.box):
        return True
    return _words_of(ref.line.text) == _words_of(str(title.value))


def _words_of(text: str) -> str:
    return " ".join(re.findall(r"\w+", folded(text)))


def _signers_organisation(index: TextIndex) -> Found | None:
    """The organisation a signer's title names ("Training Manager, Eduvance"), when the
    page names its issuer nowhere else."""
    for ref in index.lines:
        match = _ROLE_AT_ORG.match(clean_value(ref.line.text))
        if match is not None and len(match.group("org")) >= 3:
            org = trim_org(match.group("org"))
            if org and not looks_like_person(org):
                located = index.locate_line(ref)
                return found(org, located, 0.6, f"the organisation of a signer: '{ref.line.text}'")
    return None


def card_issuer(index: TextIndex, back_only: bool) -> Found | None:
    """The organisation that issued a card: a line naming a known CPR issuer, else
    its web address, else (on a front) an organisation's name at the top. Training
    centers and instructors printed on the card are someone else."""
    issuers = [
        (ref, mention)
        for ref in index.lines
        if ref.page == 0
        and not _TRAINING_CENTER_LABEL.search(ref.line.text)
        and (mention := find_issuer(ref.line.text)) is not None
    ]
    if issuers:
        # A mention naming the society beats a bare "Red Cross" logo, then the topmost.
        ref, mention = min(issuers, key=lambda item: (not item[1].specific, item[0].line.box.y0))
        located = index.locate(ref.start + mention.start, ref.start + mention.end)
        return found(mention.name, located, 0.9, f"issuer named on the card: '{ref.line.text}'")
    if back_only:  # a back names its training center; its verify address is not a name
        return None
    by_host = issuer_of_host(index.text[: index.first_page_end])
    if by_host is not None:
        located = index.locate(by_host.start, by_host.end)
        why = f"the issuer's web address: '{located.text if located else by_host.name}'"
        return found(by_host.name, located, 0.75, why)
    return _named_in_sentence(index, "\x00") or _org_at_top_of_card(index) or _org_on_card(index)


def _org_on_card(index: TextIndex) -> Found | None:
    """An organisation's name printed anywhere on the card's face ("Coastal Safety
    Training LLC" under the dates), the largest first; not a labelled line (an
    instructor's, a training center's)."""
    orgs = [
        ref
        for ref in index.lines
        if ref.page == 0
        and looks_like_org(ref.line.text)
        and 2 <= len(ref.line.words) <= 8
        and not re.search(r"\d|:", ref.line.text)
        and not _TRAINING_CENTER_LABEL.search(ref.line.text)
        and not _NOT_PROVIDER_LINE.search(fold_accents(ref.line.text))
        and not _only_a_course(ref.line.text)
    ]
    if not orgs:
        return None
    ref = max(orgs, key=lambda r: (r.line.box.height, -r.line.box.y0))
    return found(trim_org(ref.line.text), index.locate_line(ref), 0.5, "organisation on the card")


def _org_at_top_of_card(index: TextIndex) -> Found | None:
    for ref in sorted(
        (r for r in index.lines if r.page == 0), key=lambda r: (r.line.box.y0, r.line.box.x0)
    )[:3]:
        text = clean_value(ref.line.text)
        if _NOT_PROVIDER_LINE.search(text) or re.search(r"\d|:", text) or looks_like_person(text):
            continue
        if _only_a_course(text):
            continue
        capitalised = all(w[:1].isupper() or w.casefold() in _CONNECTORS for w in text.split())
        if 2 <= len(text.split()) <= 6 and (looks_like_org(text) or capitalised):
            return found(text, index.locate_line(ref), 0.55, "name at the top of the card")
    return None


_COURSE_FILLER = re.compile(
    r"\b(?:provider|course|training|certification|certificate|program(?:me)?|adult|child"
    r"|infant|pediatric|level|and|for)\b|[&/+,()-]",
    re.IGNORECASE,
)


def _only_a_course(text: str) -> bool:
    """'Basic Life Support', 'CPR & AED Provider': a course's name and nothing else
    ('QuickCert CPR Online' names an organisation around the course words)."""
    plain = folded(text)
    rest = _COURSE_FILLER.sub(" ", CARD_COURSE.sub(" ", plain))
    return bool(CARD_COURSE.search(plain)) and not rest.split()


def _named_in_sentence(index: TextIndex, holder_text: str) -> Found | None:
    """'offered through Coursera', 'organized by Tribhuvan University Teaching Hospital'."""
    for phrase in _ISSUER_SENTENCE.finditer(index.text[: index.first_page_end]):
        run = _ORG_RUN.match(index.text, phrase.end())
        if run is None:
            continue
        sentence = re.split(r"(?<=\w{3})\.\s", run.group(0))[0]  # "... Medicine. This"
        name = _CONNECTOR_END.sub("", " ".join(sentence.split()).rstrip("."))
        if holder_text in name or _NOT_PROVIDER_LINE.search(name):
            continue
        credential = phrase.group(0).casefold().startswith("requirements")
        if credential and not (looks_like_org(name) or name.isupper()):
            continue  # "fulfilled the requirements of Advanced Mobility Coach": a credential
        located = index.locate(run.start(), run.start() + len(sentence.rstrip()))
        why = f"named in the sentence: '{' '.join(phrase.group(0).split())} {name}'"
        return found(trim_org(name) or name, located, 0.8, why)
    return None


_CONNECTORS = {"of", "and", "&", "the", "for"}


def _without_logo_noise(text: str) -> str:
    """'Ge 4 Indian Institute of Technology': OCR marks of a logo before the name
    (an acronym such as 'NY' or 'St' stays)."""
    words = text.split()
    while len(words) > 2 and (
        words[0].isdigit() or (len(words[0]) <= 2 and not words[0].isupper() and words[0] != "St")
    ):
        words.pop(0)
    return " ".join(words)


def _after_label(text: str) -> str:
    """'CE Name: Los Angeles County EMS Agency' -> the value after a short label."""
    label, colon, value = text.partition(":")
    return value.strip() if colon and value.strip() and len(label.split()) <= 3 else text


def _name_shaped(text: str) -> bool:
    """An organisation's name is capitalised word by word, not a run of prose."""
    words = [w for w in text.split() if w.casefold() not in _CONNECTORS | {"at", "on", "de"}]
    capitalised = sum(w[:1].isupper() or w[:1].isdigit() for w in words)
    return capitalised >= 0.6 * len(words) and not re.search(r"\b[a-z]{3,}\.\s", text)


def _completes(sentence_name: str, label_value: str) -> bool:
    """The sentence's name carries the label's value on past the line's end."""
    value = re.sub(r"^(?:the)\s+", "", label_value, flags=re.IGNORECASE)
    return len(sentence_name) > len(value) and sentence_name.startswith(value)


def _masthead(index: TextIndex, holder_text: str, title: Found | None) -> Found | None:
    """With no organisation word anywhere, the name set at the head of the page
    ("Summit Strength") is the provider's, as a reader would take it; not the
    course's name set there."""
    head = sorted((r for r in index.lines if r.page == 0), key=lambda r: r.line.box.y0)[:4]
    for ref in head:
        text = trim_org(ref.line.text)
        words = text.split()
        capitalised = all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)
        if (
            2 <= len(words) <= 6
            and capitalised
            and holder_text not in text
            and not _is_the_title(ref, title)
            and not SALUTATION.match(ref.line.text)
            and not SIGNER_TITLE.search(ref.line.text)
            and not _NOT_PROVIDER_LINE.search(fold_accents(text))
            and not find_dates(text)
            and not re.search(r"\d", ref.line.text)  # nor its address ("Tower 1, 5th Floor")
        ):
            return found(text, index.locate_line(ref), 0.5, "name at the head of the page")
    return None


def _wrapped_block(index: TextIndex, ref: LineRef, holder_text: str) -> list[LineRef]:
    """The line with the lines it wraps into: same size, same column, touching; never
    the holder's name set under the issuer's in the same type."""
    page_lines = [
        other
        for other in index.lines
        if other.page == ref.page and holder_text not in other.line.text
    ]
    block = [ref]
    grown = True
    while grown and len(block) < 4:
        grown = False
        for other in page_lines:
            if other in block:
                continue
            if _touching(block[-1], other) and other.line.box.y0 > block[-1].line.box.y0:
                block.append(other)
                grown = True
            elif _touching(block[0], other) and other.line.box.y0 < block[0].line.box.y0:
                block.insert(0, other)
                grown = True
    return block


def _touching(a: LineRef, b: LineRef) -> bool:
    box_a, box_b = a.line.box, b.line.box
    same_size = abs(box_a.height - box_b.height) < 0.35 * box_a.height
    gap = max(box_b.y0 - box_a.y1, box_a.y0 - box_b.y1)
    centred = abs((box_a.x0 + box_a.x1) - (box_b.x0 + box_b.x1)) / 2 < 2 * box_a.height
    flush_right = abs(box_a.x1 - box_b.x1) < 2 * box_a.height  # a logo's name set ragged left
    same_column = abs(box_a.x0 - box_b.x0) < 2 * box_a.height or centred or flush_right
    text = b.line.text
    short = len(b.line.words) <= 4 and not re.search(r"\d|\bprovider\b", text, re.IGNORECASE)
    short = short and not _NOT_PROVIDER_LINE.search(fold_accents(text))
    short = short and not SIGN_OFF.match(text) and not SIGN_OFF.match(a.line.text)
    # a signer's role ("Program Director") and the holder's lead-in ("This acknowledges
    # that") are never part of an issuer's name
    role = SIGNER_TITLE.search(text) and not looks_like_org(text)  # not "Secretaría de ..."
    short = short and not role and not names_the_holder(text) and not _APP_CONTROL.match(text)
    short = short and not _ADDRESS.search(text)  # its web or mail address goes apart
    return same_size and 0 <= gap < 0.9 * box_a.height and same_column and short
