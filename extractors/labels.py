"""Label/value reading: "Participant: Jane Doe", a label with its value to the
right in the next cell, or a label with its value on the line below.

The lexicon lists the words people print as labels, not any one layout. A
short, ambiguous label ("Name", "Date", "Code") only counts when it looks like
a label: a colon after it, or nothing else on its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.textindex import LineRef, Located, TextIndex

# field -> (strong labels, weak labels); strong ones are unambiguous phrases.
LEXICON: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "holder_name": (
        (
            r"participant(?:'s)? name",
            r"student(?:'s)? name",
            r"attendee(?:'s)? name",
            r"learner(?:'s)? name",
            r"recipient(?:'s)? name",
            r"card ?holder(?: name)?",
            r"name of (?:participant|student|attendee|recipient)",
            r"awarded to",
            r"presented to",
            r"issued to",
            r"granted to",
            r"(?:full |holder'?s? )name",
            r"nom (?:du |de l')?(?:participant|stagiaire|titulaire|apprenant)e?",
            r"nombre (?:del? )?(?:participante|alumno|estudiante|titular)",
            r"nome (?:e cognome|completo|d[oe]l? (?:partecipante|participante|aluno|corsista))",
            r"cognome e nome",
            r"name des teilnehmers|teilnehmer(?:in)?name",
            r"nama (?:peserta|lengkap)",
            # a form's captions for the parts of the name, under or over it
            r"(?:first|given) names? (?:middle names? )?(?:last name|surname|family name)",
            r"nombre\(?s?\)? primer apellido(?: segundo apellido)?",
            r"pr[ée]noms? nom|nom pr[ée]noms?",
        ),
        (
            r"participant",
            r"student",
            r"attendee",
            r"learner",
            r"recipient",
            r"name",
            r"trainee",
            r"holder",
            r"nom",
            r"nombre",
            r"participante",
            r"stagiaire",
            r"nome",
            r"partecipante",
            r"teilnehmer(?:in)?",
            r"nama",
            r"peserta",
        ),
    ),
    "provider_name": (
        (
            r"provider name",
            r"name of provider",
            r"presented by",
            r"authori[sz]ed by",
            r"offered by",
            r"issued by",
            r"provided by",
            r"sponsored by",
            r"hosted by",
        ),
        (r"(?:approved |education |course |ce )?provider", r"organi[sz]ation", r"sponsor"),
    ),
    "course_title": (
        (
            r"course (?:title|name)",
            r"program(?:me)? (?:title|name)",
            r"activity (?:title|name)",
            r"workshop (?:title|name)",
            r"title of (?:course|program|activity)",
            r"titolo del corso|nome do curso|t[ií]tulo del? curso|nombre del curso",
            r"kurs(?:titel|bezeichnung)|judul (?:pelatihan|kursus)",
            # the one session or activity of a larger event, introduced by a colon ("participou
            # do Workshop ..., na atividade:", "attended the congress, in the session:")
            r"(?:(?:na|in the|en la|nella|dans l'|in der) )?(?:atividade|actividad|attivit[àa]"
            r"|activit[ée]|session|sess[ãa]o|sesi[oó]n|sessione|sitzung)(?=\s*:)",
            # the sentence cut into a label: "In recognition of successful completion in:"
            r"(?:successful |satisfactory )?completion (?:of|in)(?=\s*:)",
            r"(?:has |have )?(?:successfully )?completed(?: the)?(?=\s*:)",
        ),
        (
            r"course",
            r"program(?:me)?",
            r"workshop",
            r"title",
            r"activity",
            r"class",
            r"corso",
            r"curso",
            r"kurs",
            r"pelatihan",
        ),
    ),
    "course_code": (
        (
            r"course (?:code|id|no\.?|number|#)",
            # a course's code straight after the word: "Corso ABCD/112", "Curso PA-210" (not
            # English "course", which an approving body's course number follows)
            r"(?-i:(?:[Cc]orso|[Cc]urso|[Cc]ours))(?= [A-Z]{2,}[\w/-]*\d)",
            r"activity (?:code|id|no\.?|number|#)",
            r"event (?:code|id|no\.?|number|#)",
            # an accreditor's or a tracking system's number for the activity: "Session ID",
            # "Offering #", pharmacy's "UAN", "CE Broker Tracking #", "CERT+ ID#", "Mainpro+ ID"
            r"session (?:code|id|no\.?|number|#)",
            r"offering (?:code|id|no\.?|number|#)",
            r"universal activity number|uan",
            r"ce ?broker (?:tracking |course )?(?:id|no\.?|number|#)",
            r"[a-z]+\+ (?:id|no\.?|number)\s?#?",
            r"program(?:me)? (?:code|id|no\.?|number|#)",
            r"approval (?:code|no\.?|number|#)",
            r"ceu (?:code|course) (?:no\.?|number|#)",
            r"unit (?:code|id|no\.?|number)",
            r"module (?:code|id|no\.?|number)",
            r"code (?:du |de la )?(?:cours|formation)",
            r"c[óo]digo del? (?:curso|programa)",
        ),
        (),
    ),
    "completion_date": (
        (
            r"date of completion",
            r"completion date",
            r"date completed",
            r"completed on",
            r"course date",
            r"date of (?:course|training|class)",
            r"issue date",
            r"date issued",
            r"date of issue",
            r"issued on",
            r"awarded on",
            r"certified on",
            r"date certified",
            r"certification date",
            r"training date",
            r"effective (?:date|from|since)|date effective|valid from|g[üu]ltig ab|v[áa]lido desde",
            r"data (?:di |de |do )?(?:conclus[aã]o|emiss[aã]o|rilascio|completamento|svolgimento)",
            r"fecha de (?:finalizaci[oó]n|emisi[oó]n|expedici[oó]n)",
            r"ausstellungsdatum|datum der ausstellung",
            r"tanggal (?:terbit|pelaksanaan)",
        ),
        (r"completed", r"issued", r"date", r"data", r"fecha", r"datum", r"tanggal"),
    ),
    "expiry_date": (
        (
            r"recommended renewal(?: date)?",
            r"renewal date",
            r"renew by",
            r"expiration date",
            r"expiry date",
            r"date of expiration",
            r"expires(?: on)?",
            r"valid (?:through|thru|until|till)",
            r"exp\.? date",
            r"good through",
        ),
        (r"expiration", r"expiry", r"exp\.?"),
    ),
    # Labels whose values are someone else's: they claim their words so that
    # "Instructor Name" is never read as the holder's "Name".
    "other": (
        (
            r"instructor(?:'s)? (?:name|id|no\.?|number|#|signature)",
            r"(?:lead |course |primary )?instructor",
            r"training (?:center|centre|site)(?: name| id| info)?",
            r"tc (?:name|id|info)",
            r"(?:authori[sz]ed |holder'?s? |instructor'?s? )?signature",
            r"(?:program |education |course |medical )?director",
            r"course location",
            r"evaluator",
        ),
        (),
    ),
    "certificate_id": (
        (
            r"certificate (?:id|no\.?|number|#|code)",
            r"cert\.? ?(?:id|no\.?|number|#)",
            r"e-?card code",
            r"credential (?:id|no\.?|number)",
            r"verification (?:code|id|no\.?|number)",
            r"certification (?:id|no\.?|number|#)",
            r"serial (?:no\.?|number|#)",
            r"card (?:id|no\.?|number|#)",
            r"transcript (?:id|no\.?|number|#)",
            r"record (?:id|no\.?|number|#)",
            r"reg(?:\.|istration|istry)? ?(?:no\.?|number|#)",
            r"certificate verification (?:no\.?|number|code)",
            r"license (?:no\.?|number|#)",
            r"n[°ºo]\.? ?(?:de |du )?(?:certificat|l'attestation|attestation)",
            r"num[ée]ro (?:de |du )?(?:certificat|l'attestation)",
            # "Attestation n°", "Attestato N.", "Certificado BLS Nº": the document's own noun,
            # a qualifier at most, then "n" for number
            r"(?:certificat|attestation|attestato|certificato|certificado)(?: [\w-]+)? n[°ºo]?\.?",
            # the document's noun and its code straight after it: "Attestato QX204",
            # "Certificate: 24-10337" (a number in two parts, a date's shape aside)
            r"(?:certificate|certificat|attestation|attestato|certificato|certificado)"
            r"(?=:? (?:[A-Z]+[\w/-]*\d|\d{5,}|\d{2,}-\d{4,}\b(?!-)))",
            r"n[úu]mero de certificado",
            r"certificado n[°ºo.]",
            r"codice (?:identificativo|attestato|certificato)|numero (?:attestato|certificato)",
            r"c[óo]digo (?:de )?(?:verifica[çc][ãa]o|verificaci[óo]n|autenticidade|validaci[óo]n)",
            r"n[úu]mero (?:de )?(?:registro|certificado|folio)|folio(?: n[°ºo.])?",
            r"nomor (?:sertifikat|registrasi)|zertifikats?-?(?:nummer|nr\.?)|certificaatnummer",
        ),
        (
            r"code",
            r"id",
            r"id #",
            r"no\.",
            r"certificate #",
            r"number",
            r"nomor|nummer|n[úu]mero|nr\.",  # "number" in the other languages
            # An initialism's number heading its line ("CI Number:"), not a phone's or an
            # order's or a training center's
            r"(?!(?:tel|fax|ph|po|tc|vat|tax)\b)[a-z]{2,3}\.? ?(?:number|no\.|#)",
        ),
    ),
}

_DELIMS = r"\s*[:#\-–—]?\s*"


@dataclass(frozen=True, slots=True)
class LabelHit:
    field: str
    label: str
    strong: bool
    line: LineRef
    label_end: int  # offset in the index text


@dataclass(frozen=True, slots=True)
class LabeledValue:
    field: str
    label: str
    value: Located
    method: str  # "same-line", "right", "below", "above"
    strong: bool


def _compile() -> list[tuple[str, bool, re.Pattern[str]]]:
    compiled = []
    for field, (strong, weak) in LEXICON.items():
        for phrase in strong:
            pattern = (
                rf"(?:^|(?<=[\s|•·]))(?P<label>{phrase})(?:\b|(?<=[#.°º]))\.?(?P<colon>{_DELIMS})"
            )
            compiled.append((field, True, re.compile(pattern, re.IGNORECASE)))
        for phrase in weak:
            start = r"(?:^[^\w\s]?|(?<=\s\s)|(?<=[|•·]\s)|(?<=[|•·])|(?<=[a-z]{3}\.\s))"
            pattern = rf"{start}(?P<label>{phrase})(?P<colon>\s*[:#]\s*|\s*$)"
            compiled.append((field, False, re.compile(pattern, re.IGNORECASE)))
    return compiled


_LABELS = _compile()


def find_label_hits(index: TextIndex) -> list[LabelHit]:
    hits: list[LabelHit] = []
    for ref in index.lines:
        text = ref.line.text
        line_hits: list[tuple[int, int, str, bool, str]] = []
        for field, strong, pattern in _LABELS:
            for match in pattern.finditer(text):
                if not strong and match.start() > 0 and not match.group("colon").strip():
                    continue  # a weak word mid-line is just a word
                line_hits.append((match.start(), match.end(), field, strong, match.group("label")))
        for _start, end, field, strong, label in _drop_overlaps(line_hits):
            hits.append(LabelHit(field, label, strong, ref, ref.start + end))
    return hits


def _drop_overlaps(
    hits: list[tuple[int, int, str, bool, str]],
) -> list[tuple[int, int, str, bool, str]]:
    """Longest label wins where two overlap ("Course Title" over "Title")."""
    kept: list[tuple[int, int, str, bool, str]] = []
    for hit in sorted(hits, key=lambda h: (-(h[1] - h[0]), h[0])):
        if all(hit[1] <= k[0] or k[1] <= hit[0] for k in kept):
            kept.append(hit)
    return sorted(kept)


def labeled_values(index: TextIndex) -> list[LabeledValue]:
    """Each label with the value a reader would pair it with."""
    hits = _course_table_codes(find_label_hits(index))
    values: list[LabeledValue] = []
    for position, hit in enumerate(hits):
        next_start = _next_label_start(hits, position)
        end = min(hit.line.end, next_start)
        same_line = index.locate(hit.label_end, end) if end > hit.label_end else None
        if same_line is not None and same_line.text.strip(" :#-–—"):
            values.append(LabeledValue(hit.field, hit.label, same_line, "same-line", hit.strong))
            continue
        neighbours = [("right", right_of(index, hit.line)), ("below", below(index, hit.line))]
        if _in_header_row(hit, hits):
            neighbours.reverse()  # a table's header cell: its value is in the row below
        for method, ref in neighbours:
            if ref is not None and not _is_label_line(ref, hits):
                located = index.locate_line(ref)
                if located is not None:
                    values.append(LabeledValue(hit.field, hit.label, located, method, hit.strong))
                    break
    claimed = {(v.value.page, v.value.box) for v in values}
    for hit in hits:
        caption = _caption_value(index, hit, hits)
        if caption is not None and (caption.value.page, caption.value.box) not in claimed:
            values.append(caption)
    return values


def _caption_value(index: TextIndex, hit: LabelHit, hits: list[LabelHit]) -> LabeledValue | None:
    """A label printed alone under its value, as a caption under a line
    ("1234567890" over "Certificate Number"): the value above, read last and
    only when no other label claims that line."""
    if hit.label_end < hit.line.end - 1 or hit.line.start < hit.label_end - len(hit.label) - 1:
        return None
    ref = above(index, hit.line)
    if ref is None or _is_label_line(ref, hits):
        return None
    located = index.locate_line(ref)
    if located is None:
        return None
    return LabeledValue(hit.field, hit.label, located, "above", hit.strong)


def _in_header_row(hit: LabelHit, hits: list[LabelHit]) -> bool:
    """Two or more bare labels side by side on one row make a table header."""
    box = hit.line.line.box
    bare = [
        other
        for other in hits
        if other.line is not hit.line
        and other.label_end >= other.line.end - 1
        and min(box.y1, other.line.line.box.y1) - max(box.y0, other.line.line.box.y0)
        > 0.5 * box.height
    ]
    return bool(bare) and hit.label_end >= hit.line.end - 1


def _course_table_codes(hits: list[LabelHit]) -> list[LabelHit]:
    """In a table whose header row has a "Course" column, a bare "Code" or
    "No." column is the course's code, not the certificate's."""
    rows_with_course = [h.line.line.box for h in hits if h.field == "course_title"]
    result = []
    for hit in hits:
        box = hit.line.line.box
        in_course_row = any(
            min(box.y1, other.y1) - max(box.y0, other.y0) > 0.5 * box.height
            for other in rows_with_course
        )
        if hit.field == "certificate_id" and not hit.strong and in_course_row:
            hit = LabelHit("course_code", hit.label, False, hit.line, hit.label_end)
        result.append(hit)
    return result


def _next_label_start(hits: list[LabelHit], position: int) -> int:
    hit = hits[position]
    for other in hits[position + 1 :]:
        if other.line is hit.line:
            return other.label_end - len(other.label) - 1
        break
    return hit.line.end


def _is_label_line(ref: LineRef, hits: list[LabelHit]) -> bool:
    return any(h.line is ref and h.label_end - len(h.label) <= ref.start + 1 for h in hits)


def right_of(index: TextIndex, ref: LineRef) -> LineRef | None:
    """The nearest line on the same row, to the right (the next table cell)."""
    box = ref.line.box
    best: LineRef | None = None
    for other in index.lines:
        other_box = other.line.box
        if other.page != ref.page or other is ref or other_box.x0 < box.x1:
            continue
        overlap = min(box.y1, other_box.y1) - max(box.y0, other_box.y0)
        if overlap < 0.5 * min(box.height, other_box.height):
            continue
        if best is None or other_box.x0 < best.line.box.x0:
            best = other
    return best


def below(index: TextIndex, ref: LineRef) -> LineRef | None:
    """The nearest line under ``ref`` that shares its column."""
    box = ref.line.box
    best: LineRef | None = None
    for other in index.lines:
        other_box = other.line.box
        if other.page != ref.page or other_box.y0 < box.y1 - 0.2 * box.height:
            continue
        gap = other_box.y0 - box.y1
        if gap > 3.0 * max(box.height, other_box.height):
            continue
        shares_column = other_box.x0 < box.x1 and box.x0 < other_box.x1
        if shares_column and (best is None or other_box.y0 < best.line.box.y0):
            best = other
    return best


def above(index: TextIndex, ref: LineRef) -> LineRef | None:
    """The nearest line over ``ref`` that shares its column."""
    box = ref.line.box
    best: LineRef | None = None
    for other in index.lines:
        other_box = other.line.box
        if other.page != ref.page or other is ref or other_box.y1 > box.y0 + 0.2 * box.height:
            continue
        if box.y0 - other_box.y1 > 3.0 * max(box.height, other_box.height):
            continue
        shares_column = other_box.x0 < box.x1 and box.x0 < other_box.x1
        if shares_column and (best is None or other_box.y1 > best.line.box.y1):
            best = other
    return best


def best_labeled(values: list[LabeledValue], field: str) -> list[LabeledValue]:
    """Values for ``field``, strong labels and same-line values first."""
    order = {"same-line": 0, "right": 1, "below": 2, "above": 3}
    chosen = [v for v in values if v.field == field]
    return sorted(chosen, key=lambda v: (not v.strong, v.value.page, order[v.method]))


def label_strength(value: LabeledValue) -> float:
    base = 0.95 if value.strong else 0.8
    return base - {"same-line": 0.0, "right": 0.03, "below": 0.07, "above": 0.12}[value.method]
