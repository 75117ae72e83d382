"""The words that tell what kind of document a page is, as documents in the wild write them.

Each table is a list of weighted cues; a table's score is the sum of the
weights of the cues it finds, so ten ways of saying one thing count once and
different things add up. Patterns are matched case-insensitively on text whose
accents are folded ("réussite" is written "reussite" here), with every run of
whitespace made one space; English, French and Spanish wording side by side.

- a course certificate says someone completed, attended or passed a course
  (the certificate's own sentence), names itself (a certificate of completion,
  a statement of attainment, a record of completion, a training badge), and
  often grants continuing-education credit;
- a CPR/AED card is about resuscitation, defibrillation or first aid, from a
  card issuer, with renewal dates, a training center and an instructor;
- a primary certification confers a credential ("is certified as", "has met
  the requirements of", "has conferred upon", "rights and privileges", a
  licence and its status) rather than recording a course;
- letters and tokens of appreciation thank someone for a service;
- invoices, schedules and general letters are not evidence of anything.
"""

from __future__ import annotations

import re
import unicodedata

from extractors import vocabulary as vocab
from extractors.issuers import ANY_ISSUER

Cue = tuple[str, float]

# Passing an examination confers a credential (a certification, a diploma); passing a
# course records it.
_EXAM = r"(?:exam|examination)\b"
_PASSED_A_COURSE = rf"passed(?!(?: [\w-]+){{0,10}}? {_EXAM})"

COMPLETION: tuple[Cue, ...] = (
    (
        rf"\b(?:has|have|had) (?:\w+ ){{0,2}}?(?:completed|attended|participated|finished"
        rf"|{_PASSED_A_COURSE})\b"
        rf"|\b(?:successfully|satisfactorily) (?:completed|finished|{_PASSED_A_COURSE}|attended)\b",
        2.0,
    ),
    (  # a letter's simple past: "confirms that Alex Morgan completed", "you completed"
        r"\bthat (?:[\w.'-]+ ){1,5}?(?:successfully )?(?:completed|attended|finished)\b"
        r"|\byou (?:\w+ )?(?:completed|attended|finished)\b",
        2.0,
    ),
    (
        r"\b(?:for|upon|on|after|of) (?:the )?(?:successful(?:ly)? |satisfactor(?:y|ily) )?"
        r"complet(?:ing|ion of)\b",
        1.5,
    ),
    (r"\bcompleted by\b|\bin completion of\b|\bdemonstrat\w+ (?:competen|proficien)", 1.5),
    (
        r"\b(?:met|fulfilled|satisfied|completed) (?:all )?(?:of )?the (?:\w+ )?requirements"
        r" (?:of|for) (?:the |this )?(?:\w+ )?(?:course|program|workshop|training|class|module"
        r"|seminar)\b"
        r"|\bfulfilled the (?:course|program|training) requirements\b",
        2.0,
    ),
    (r"\b(?:attended|participated in|took part in)\b|\b(?:was|were) attained\b", 1.0),
    (
        r"\ba (?:\w+ ){0,2}?(?:termine|reussi|suivi|acheve|valide|participe|assiste)\b",
        2.0,
    ),
    (r"\bpour avoir (?:\w+ ){0,2}?(?:suivi|complete|termine|reussi|participe|acheve)\b", 2.0),
    (
        r"\bha (?:\w+ ){0,2}?(?:completado|finalizado|terminado|aprobado|cursado|participado"
        r"|asistido|realizado|superado)\b",
        2.0,
    ),
    (
        r"\bpor (?:haber )?(?:\w+ )?(?:completado|finalizado|terminado|aprobado|cursado"
        r"|participado|asistido|realizado|superado)\b",
        2.0,
    ),
    (vocab.COMPLETION_VERBS, 2.0),
)
"""Someone completed, attended or passed something: the certificate's own sentence."""

_KINDS_OF_COURSE_CERTIFICATE = (
    r"completion|achievement|attendance|participation|competenc[ey]|training|accomplishment"
    r"|excellence|attainment|proficiency|learning|course"
)
CERTIFICATE_TITLES: tuple[Cue, ...] = (
    (rf"\bcertificate\W+(?:of\W+)?(?:\w+\W+)?(?:{_KINDS_OF_COURSE_CERTIFICATE})\b", 2.5),
    (
        r"\b(?:completion|attendance|participation|training|course|cpd|cme|in-service"
        r"|achievement) certificate\b|\bcertificate course\b",
        2.0,
    ),
    (
        r"\b(?:statement|record|letter|proof|confirmation|transcript)s? of (?:attainment"
        r"|completion|attendance|participation|training)\b",
        2.5,
    ),
    (
        r"\b(?:certificat|attestation|diplome)\W+(?:de |d\W\s*)?(?:reussite|fin de formation"
        r"|formation|participation|achevement|assiduite|presence|suivi|stage|completion)\b"
        r"|\battestation (?:delivree|officielle|n\W)",
        2.5,
    ),
    (
        r"\b(?:certificado|constancia|diploma)\W+(?:de\W+)?(?:finalizacion|aprovechamiento"
        r"|participacion|asistencia|logro|terminacion|curso|capacitacion|formacion|aprobacion)\b",
        2.5,
    ),
    (vocab.CERTIFICATE_TITLES, 2.5),
)
"""A page's title naming it the whole record of a course (no wallet card is titled so)."""

CERTIFICATE_FORMS: tuple[Cue, ...] = (
    *CERTIFICATE_TITLES,
    (r"\b(?:training|digital|course|completion|learning) badge\b", 2.0),
    (r"\bissued (?:on )?(?:[\w,.-]+ ){0,4}by\b", 2.0),
)
"""A document naming itself as the record of a course, or as a badge issued for one."""

CREDIT_AMOUNT = (
    r"\b(?:ceus?|cecs?|contact hours?|clock hours?|cme|cpd)\W{0,3}(?:[a-z]+ )?\d{1,3}(?:[.,]\d+)?\b"
    r"|\b\d{1,3}(?:[.,]\d+)? (?:[a-z]+ ){0,2}(?:ceus?|cecs?|contact hours?|clock hours?"
    r"|cme credits?|cpd (?:points|credits|hours))\b"
)
"""A printed amount of continuing-education credit ("CEUs: NASM 1.9", "4.0 contact hours")."""

CE_CREDITS: tuple[Cue, ...] = (
    (r"\b(?:ceus?|cecs?|cmes?|cpds?|cpes?|pdus?|ncpd|ce credits?)\b", 2.0),
    (
        r"\bcontinuing (?:\w+ ){0,2}?(?:education|development)\b|\bformation continue\b"
        r"|\bdeveloppement professionnel continu\b|\b(?:educacion|formacion) (?:\w+ )?continua\b",
        2.0,
    ),
    (r"\b(?:contact|clock|credit|cpd|cme|ce|training|instruction(?:al)?) hours?\b", 1.5),
    (rf"\b\d+(?:[.,]\d+)? (?:total )?(?:{vocab.HOUR_UNITS})(?!\w)", 1.0),
    (rf"\b(?:{vocab.HOURS_LABELS})\W{{0,3}}(?:\w+ )?\d", 1.0),
    (r"\b(?:mainpro\+?|ama pra|accme|ancc|ipce|nasba|ects)\b", 1.5),
    (r"\b(?:has|have) earned (?:[\w.]+ ){0,5}?(?:credits?|ceus?|cecs?|hours?|points?)\b", 1.5),
    (r"\bcredits?\b|\bcreditos?\b|\baccredit", 0.5),
    (CREDIT_AMOUNT, 1.5),
)
"""Continuing-education credit: units, contact hours, accreditation."""

NO_CREDIT = (
    r"\bno (?:ceus?|cecs?|credits?|contact hours)\b|\bnon-?credit\b"
    r"|\bnot (?:valid|eligible|approved) for (?:\w+ ){0,4}?(?:ceus?|cecs?|cme|credits?)\b"
)
"""Credit named only to say there is none."""

COURSE_WORDS: tuple[Cue, ...] = (
    (
        rf"\b(?:{vocab.COURSE_NOUNS}"
        r"|(?:educational|learning|cme|cpd|accredited) activity)\b",
        1.0,
    ),
    (
        r"\bcertif(?:y|ies) that\b|\b(?:presented|awarded|granted) to\b|\battests? that\b"
        rf"|\batteste que\b|\bcertifica que\b|\bhace constar\b|{vocab.PRESENTING}",
        1.0,
    ),
)
"""A course, and the phrases certificates present their holder with."""

LIFE_SUPPORT: tuple[Cue, ...] = (
    (r"\bcpr\b|\baed\b|\brcp\b", 2.0),
    (r"cardio-?pulmonar|reanimation|reanimacion|resuscitation", 2.0),
    (
        r"\bbasic life support\b|\bbls\b|\bacls\b|\bpals\b|\blife support\b|\bsoporte vital\b",
        2.0,
    ),
    (r"heartsaver|heartcode", 2.0),
    (r"defibrillat|defibrilla|desfibrila", 1.5),
    (r"\bfirst aid\b|\bpremiers (?:secours|soins)\b|\bprimeros auxilios\b|\bsecourisme\b", 2.0),
    (vocab.LIFE_SUPPORT_WORDS, 2.0),
    (
        rf"{ANY_ISSUER.pattern}|croix-?\s?rouge|cruz roja|red crescent|st\.? john ambulance"
        r"|heart (?:&|and) stroke",
        1.5,
    ),
)
"""The subject of a CPR/AED card: resuscitation, defibrillation, first aid, their issuers."""

NOT_LIFE_SUPPORT = (
    r"\b(?:psychological|mental health|psychiatric) first aid\b|\bfirst aid (?:for|in) mental\b"
    r"|\bpremiers secours (?:en sante mentale|psychologiques)\b"
    r"|\bprimeros auxilios (?:psicologicos|en salud mental)\b"
)
"""First aid that is not first aid in the CPR sense."""

CARD_COURSE = re.compile(rf"\b(?:heartcode|{vocab.CARD_COURSES})\b", re.IGNORECASE)
"""A line naming a card's course, folded: the course, not who issued the card."""

CARD_FORM: tuple[Cue, ...] = (
    (r"\be-?card\b|\bwallet card\b|\bthis card\b", 1.5),
    (r"\brenew(?:al)? (?:by|date)\b|\brecommended renewal\b|\brenewal\b|\brenouvellement\b", 1.5),
    (
        r"\bvalid (?:for|until|through|thru)\b|\bvalidity period\b|\bexpir(?:y|es|ation)\b"
        r"|\bvalable jusqu|\bvalido hasta\b|\bvigencia\b|\bvencimiento\b|\bvence\b"
        rf"|\b(?:{vocab.VALID_UNTIL})\b",
        1.0,
    ),
    (
        r"\btraining (?:center|centre|site)\b|\btc (?:id|name|info)\b|\bcentre de formation\b"
        r"|\bcentro de (?:formacion|entrenamiento|capacitacion)\b",
        1.5,
    ),
    (r"\binstructor\b|\binstructeur\b", 0.5),
    (r"\b(?:card ?holder|holder|participant|student)'?s? signature\b", 1.0),
    (r"\bskills? (?:session|evaluations?|check|test)\b|\bhands[- ]on\b|\bin-person skills\b", 1.0),
)
"""How a CPR/AED card is written, beyond its subject."""

CONFERRING: tuple[Cue, ...] = (
    (
        r"\bhas met (?:all )?(?:of )?the (?:\w+ )?requirements\b(?! (?:of|for) (?:the |this )?"
        r"(?:course|program|workshop|training|class|module|seminar|webinar))",
        1.5,
    ),
    (
        r"\b(?:requirements|standards) (?:to be|for) (?:recognized|certified|registered"
        r"|licensed|designated)\b|\bstandards for certification\b",
        2.5,
    ),
    (
        r"\bis (?:hereby )?(?:certified|registered|licensed|recognized|credentialed) as\b"
        r"|\bcertif(?:y|ies) (?!that\b)(?:[\w.'-]+ ){1,4}as an? \b"
        r"|\best certifie\w* (?:en tant que|comme)\b|\besta certificad\w+ como\b",
        2.5,
    ),
    (
        r"\bconferred (?:upon|on)\b|\b(?:granted|awarded|earned) the (?:title|designation)\b"
        r"|\bprofessional designation\b",
        2.0,
    ),
    (r"\bprivileges\b|\bin (?:testimony|witness) whereof\b|\bduly (?:registered|licensed)\b", 2.0),
    (r"\blicen[sc]ee\b|\blicen[sc]e (?:number|no|#|type|status)\b", 2.0),
    (r"\bstatus\W+(?:active|inactive|current|expired|lapsed|suspended|revoked)\b", 1.5),
    (r"\bdate certified\b|\bcertified since\b|\boriginal certification date\b", 1.5),
    (
        rf"\bpassed(?: [\w-]+){{0,10}}? {_EXAM}"
        rf"|\b(?:successful|satisfactory) (?:completion|passing) of (?:[\w-]+ ){{0,6}}?{_EXAM}"
        r"|\b(?:showing|demonstrating) (?:\w+ )?proficiency as an?\b",
        2.5,
    ),
    (
        r"\b(?:receiv\w+|granted|awarded|earned) the designation\b|\bdesignation of\b"
        r"|\bdiploma (?:in|of)\b|\bqualified to (?:practi[cs]e|conduct|perform)\b",
        2.0,
    ),
    (  # a school's degree or diploma at the end of a course of studies
        r"\bgraduat(?:ed|e of|ion)\b|\b(?:bachelor|master)(?:'s)? (?:degree|of (?:science|arts))\b"
        r"|\bdegree (?:of|in)\b|\b(?:course|program(?:me)?) of stud(?:y|ies)\b"
        r"|\b(?:los |sus )?estudios (?:de|en|del)\b|\begresad[oa]\b|\bgraduacao\b|\bbacharel\b"
        r"|\bcolou grau\b|\blaurea\b|\bconseguito il titolo\b|\bstudium\b|\bijazah\b"
        r"|\bobtenu le diplome\b|\bdiplome d'etat\b",
        2.5,
    ),
)
"""A credential conferred: a primary certification, a licence, a registration."""

CREDENTIAL_NAMES: tuple[Cue, ...] = (
    (r"\bregistry\b", 1.0),
    (r"\bcertification (?:number|no|#|date|status|information|id|period)\b", 1.5),
    (
        r"\bcertified (?:\w+ )?(?:trainer|coach|specialist|technician|professional|instructor"
        r"|practitioner|consultant|educator|therapist|manager|analyst|associate"
        r"|administrator|engineer|expert|nurse|paramedic|physiologist|architect|developer"
        r"|nutritionist|dietitian|counselor)\b",
        2.0,
    ),
    (
        r"\b(?:specialist|trainer|instructor|coach|practitioner|technician|consultant"
        r"|therapist|teacher|educator|nutritionist|paramedic)\b",
        1.0,
    ),
)
"""A credential named, as CE certificates also name their holder's (a role alone, as a
certification's title prints it: "Corrective Exercise Specialist"): it counts only
beside wording that confers one."""

APPRECIATION: tuple[Cue, ...] = (
    (
        r"\b(?:token|letter|certificate|expression|note)s? of (?:appreciation|thanks|gratitude)\b"
        r"|\b(?:certificat|lettre|temoignage) de (?:reconnaissance|remerciements?|gratitude)\b"
        r"|\b(?:certificado|carta) de (?:agradecimiento|gratitud)\b",
        3.0,
    ),
    (
        r"\bin (?:appreciation|gratitude)\b|\bappreciation (?:to|for)\b|\ben remerciement\b"
        r"|\ben agradecimiento\b",
        2.0,
    ),
    (
        r"\bthank(?:s| you) for (?:your )?(?:\w+ )?(?:volunteer\w*|participation|support"
        r"|service|contribution|help|assistance|dedication)\b|\bvolunteer(?:ed|ing)?\b",
        1.5,
    ),
    (
        r"\bfor (?:\w+ ){0,2}(?:assistance|contribution|services?|support|help)"
        r" (?:in|to|at|during)\b"
        r"|\bin recognition of (?:your|his|her|their|the) (?:\w+ ){0,2}(?:service|contribution"
        r"|dedication|support|commitment|efforts?)\b",
        1.5,
    ),
)
"""Thanks for a service: a token or letter of appreciation."""

STUDY_RECORD: tuple[Cue, ...] = (
    (
        r"\b(?:student|academic|official|unofficial) transcript\b"
        r"|\btranscript of (?:records|grades|studies|academic record)\b"
        r"|\bacademic record\b|\b(?:grade|mark)s? (?:report|sheet|statement)\b"
        r"|\brelev[eé] de notes\b|\bhistorico escolar\b|\bkartu hasil studi\b",
        3.0,
    ),
)
"""A school's record of a student's studies and grades: not a course certificate."""

_CLOCK = r"\b\d{1,2}:\d\d ?[ap]\.?m\b"
NOT_EVIDENCE: tuple[Cue, ...] = (
    (r"\binvoice\b|\breceipt\b|\bbill to\b|order (?:no|number|#)|\bfactura\b|\bfacture\b", 3.0),
    (
        r"\bcertificate of (?:liability )?insurance\b|\bpolicy (?:number|no|period)\b"
        r"|\binsured\b",
        3.0,
    ),
    (r"sub-?total|amount due|balance due|\btotal\b", 1.5),
    (r"\bqty\b|quantity|unit price", 1.0),
    (r"\$\s?\d+\.\d\d", 1.5),
    (r"schedule|timetable|class times|horario|emploi du temps", 2.0),
    (
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday).{0,80}"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
        2.0,
    ),
    (
        rf"{_CLOCK}.{{0,120}}{_CLOCK}.{{0,120}}{_CLOCK}",
        1.5,
    ),
    (r"\bdear \w+|to whom it may concern", 1.5),
    (r"sincerely|best regards|kind regards|yours truly", 1.5),
)
"""Invoices, receipts, schedules and letters: papers that prove nothing."""


HOLDER_STATEMENT = (
    r"\bhas (?:\w+ )?completed\b|\bsuccessfully completed\b|\bcertif(?:y|ies) that\b"
    r"|\bthis card certifies\b|\bis certified in\b|\brecogni[sz]es that\b|\backnowledges that\b"
    r"|\b(?:was|were) attained\b|\bin completion of\b|\bcompleted the requirements\b"
    r"|(?m:^(?:participant|student|name|holder|awarded to|presented to)(?: name)?\s*:)"
    rf"|{vocab.PRESENTING}"
)
"""Who the card is for: the front's sentence or its holder label."""

_DATE_LABEL = (
    r"(?:date of issue|issue date|issued(?: on)?|date completed|(?:course )?completion date"
    r"|date of completion|renew by|recommended renewal(?: date)?|expir\w*(?: date| on)?"
    r"|valid (?:until|through|thru)|awarded on|certified on|fecha de (?:emision|expedicion"
    r"|vencimiento|expiracion|finalizacion)|valido hasta|date d\W(?:emission|expiration"
    r"|obtention)|valable jusqu\Wau)"
)
CARD_DATES = (
    rf"(?m:^{_DATE_LABEL}\b\s*(?::|$|\d|[a-z]{{3,9}}\.? \d))"
    r"|(?:issue|issued|completion|completed|expiration|expiry|expires|renewal|valid until"
    r"|valid through)(?: on)?\W+(?:date\W+)?(?:\d|[a-z]{3,9}\.? \d)"
)
"""The front's dates: a date label heading its line, or followed by its date."""

FRONT: tuple[Cue, ...] = (
    (HOLDER_STATEMENT, 2.0),
    (CARD_DATES, 2.0),
    (r"\bvalid for \w+ years?\b|\brenewal\b|\bexpir", 1.0),
    (r"heartsaver|first aid|\bbls\b|basic life support|\bcpr\b|\bacls\b|\bpals\b", 1.0),
)
"""What the front of a card shows: the holder, the course and its dates."""

BACK: tuple[Cue, ...] = (
    (r"\btraining (?:center|centre|site)\b", 2.0),
    (r"\btc (?:id|name|info)\b|\btc\s*#", 2.0),
    (r"\binstructor\b", 1.5),
    (
        r"\b(?:card ?holder|holder|participant|student)'?s? signature\b"
        r"|signature of (?:card ?)?holder",
        2.0,
    ),
    (r"\bsignature\b", 0.5),
    (r"\binstructor (?:id|no|number|#)|\btraining (?:services|provider)\b", 1.0),
    (
        r"\bconducted by\b|\borgani[sz]ed by\b|\bprovided by\b|\bdelivered by\b"
        r"|\bregistered training organi[sz]ation\b|\brto (?:no|number|#|id)\b",
        1.5,
    ),
    (r"skills session|in-person skills|valid for \d|date completed", 1.0),
    (r"verify|validate|authenticit", 1.0),
    (r"course location|city, state|phone", 1.0),
    (r"e-?card code|scan (?:the )?qr|qr code", 0.5),
    (r"\bcut (?:out|along)\b|\bfold (?:along|both|here|the)\b", 1.0),
)
"""What the back of a card shows: who trained, where, the signature line, how to verify."""


_RUN_TOGETHER = re.compile(r"(?<=[a-zà-ÿ])(?=[A-Z]{3,}\b)")


def apart(text: str) -> str:
    """Words OCR ran together where the print changes from small letters to an
    initialism ("EsecutoreBLSD", "CertificadoRCP"), read apart."""
    return _RUN_TOGETHER.sub(" ", text)


def folded(text: str, *, keep_lines: bool = False) -> str:
    """Lower case, accents dropped, whitespace runs made one space (each line's, with
    ``keep_lines``, so that a label heading its line can be told): what the cues read."""
    marks_apart = re.sub(r"[™®©℠]", " ", text)
    marks_apart = apart(marks_apart)
    decomposed = unicodedata.normalize("NFKD", marks_apart).casefold()
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    if keep_lines:
        return "\n".join(" ".join(line.split()) for line in plain.splitlines())
    return " ".join(plain.split())


def score(text: str, cues: tuple[Cue, ...]) -> tuple[float, tuple[str, ...]]:
    """The summed weight of the cues found in folded ``text``, and what each matched."""
    total = 0.0
    seen: list[str] = []
    for pattern, weight in cues:
        match = re.search(pattern, text)
        if match:
            total += weight
            seen.append(" ".join(match.group(0).split()[:6]))
    return total, tuple(seen)


def has(text: str, pattern: str) -> bool:
    return re.search(pattern, text) is not None


def folded_out(text: str, pattern: str) -> str:
    """``text`` without what ``pattern`` matches (wording that looks like a cue and is not)."""
    return re.sub(pattern, " ", text)
