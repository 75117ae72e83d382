"""Holder, course title, course code and certificate id, read from wording
and layouts as real certificates and cards print them."""

from __future__ import annotations

import pytest

from extractors import fields
from extractors.layout import group_lines
from extractors.names import looks_like_person, tidy_person
from extractors.textindex import TextIndex
from ingest.model import Box, DocumentText, FileKind, PageText, TextSource, TriageResult, Word
from ingest.settings import Settings
from tests.text_pages import BODY, Row, page_index, read_page

LEGIBLE = Settings().title_legible_at

HOLDERS: list[tuple[str, list[Row], str | None]] = [
    (
        "name on the line after 'certifies that'",
        ["This certifies that", ("Jane Okafor", 1.6), "has successfully completed"],
        "Jane Okafor",
    ),
    (
        "name inside the sentence, comma after 'certify that'",
        ["This letter is to certify that, Paul Mensah, successfully completed the course."],
        "Paul Mensah",
    ),
    (
        "course completed by, in capitals",
        [("Strength Basics", 2.0), "Course completed by MARTA KOWALSKA", "Jan 3, 2028"],
        "MARTA KOWALSKA",
    ),
    (
        "has conferred upon",
        ["The Academy has conferred upon", ("Ravi Menon", 1.8), "the certificate of"],
        "Ravi Menon",
    ),
    (
        "French 'atteste que' with the sentence going on",
        ["Ce document atteste que Claire Dubois a validé 4 heures du cours en ligne"],
        "Claire Dubois",
    ),
    (
        "Spanish 'certifica que'",
        ["Se certifica que Ana Pérez ha completado el curso"],
        "Ana Pérez",
    ),
    (
        "courtesy title dropped",
        ["Presented to", ("Ms. Sara Khan", 1.6), "for completing"],
        "Sara Khan",
    ),
    (
        "name alone above 'has successfully completed', under a larger course banner",
        [
            ("BASIC LIFE SUPPORT", 2.2),
            ("Dana Whitfield", 1.4),
            "has successfully completed the cognitive and skills evaluations",
        ],
        "Dana Whitfield",
    ),
    (
        "a signer's larger name with a role under it is not the holder",
        [("Tom Becker", 2.0), "Executive Director", ("Priya Nair", 1.5)],
        "Priya Nair",
    ),
    (
        "a name followed by a role after a comma is a signer",
        [("Omar Haddad, Formateur", 2.0)],
        None,
    ),
    (
        "strong label",
        ["Participant Name: Lee Wong", "Date: 05/06/2027"],
        "Lee Wong",
    ),
    (
        "a bare 'Name' heading another column loses to the sentence",
        [
            "Name || Location",
            "Harbor City, Nowhere || Main Hall",
            ("Kim Osei", 1.5),
            "has completed the course",
        ],
        "Kim Osei",
    ),
]


@pytest.mark.parametrize(
    ("rows", "expected"), [c[1:] for c in HOLDERS], ids=[c[0] for c in HOLDERS]
)
def test_holder_name(rows: list[Row], expected: str | None) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled)
    assert (holder.value if holder else None) == expected


PEOPLE = [
    ("Jane Doe", True),
    ("JOHN Q. PUBLIC", True),
    ("Anna van der Berg", True),
    ("Karim Adel Abd Elwahab", True),
    ("Instructor Name", False),
    ("O Fea", False),
    ("BASIC LIFE SUPPORT", False),
    ("Jane Roe, Director", False),
    ("Coastal Event Management", False),
    ("Cédula Profesional Electrónica", False),
    ("LICENCIATURA EN ENFERMERÍA", False),
    ("Dirección General", False),
]


@pytest.mark.parametrize(("text", "expected"), PEOPLE, ids=[p[0] for p in PEOPLE])
def test_looks_like_person(text: str, expected: bool) -> None:
    assert looks_like_person(text) is expected


def test_tidy_person_drops_courtesy_title() -> None:
    assert tidy_person("Mr. Daniel Ortega,") == "Daniel Ortega"


TITLES: list[tuple[str, list[Row], bool, str | None]] = [
    (
        "title on the lines after the sentence, wrapped",
        ["has successfully completed", "Kettlebell Fundamentals: Technique and", "Safety"],
        False,
        "Kettlebell Fundamentals: Technique and Safety",
    ),
    (
        "title wrapped inside the sentence, stops at 'with'",
        [
            "for successfully completing the Virtual Coaching Internship in",
            "Motor Learning & Aging with the Example Centre for Learning.",
        ],
        False,
        "Virtual Coaching Internship in Motor Learning & Aging",
    ),
    (
        "title followed by its date on the same line",
        ["has participated in", "Advanced Mobility Certification April 27, 2027"],
        False,
        "Advanced Mobility Certification",
    ),
    (
        "the certificate of",
        [
            "has conferred upon",
            ("Ravi Menon", 1.8),
            "the certificate of",
            ("Group Fitness Instructor", 1.5),
        ],
        False,
        "Group Fitness Instructor",
    ),
    (
        "title above 'Course completed by'",
        [("What Is Strength Training?", 2.0), "Course completed by JANE ROE"],
        False,
        "What Is Strength Training?",
    ),
    (
        "French title after 'du cours en ligne', date after 'le'",
        [
            "Ce document atteste que Claire Dubois a validé 4 heures du cours en ligne Yoga",
            "Doux pour débutants le 9 mai 2023",
        ],
        False,
        "Yoga Doux pour débutants",
    ),
    (
        "credits after the verb are not the title",
        [
            "have successfully completed the 2 ECTS credits online course",
            ("Teemu Virtanen", 1.2),
            "Professor, Example University",
        ],
        False,
        None,
    ),
    (
        "most prominent title-shaped line when no sentence",
        [("Lee Wong", 2.4), ("Certified Nutrition Coach", 1.6), "CEUs: 1.9", "11/20/2029"],
        False,
        "Certified Nutrition Coach",
    ),
    (
        "the paper's heading is not its course",
        [
            ("CERTIFICATE OF COMPLETION", 2.5),
            ("Lee Wong", 2.0),
            ("Yoga Anatomy", 1.5),
            "Date: 2027-05-01",
            "Signature",
        ],
        False,
        "Yoga Anatomy",
    ),
    (
        "card course set on two lines",
        [("BLS", 3.0), ("Provider", 2.2), "Dana Whitfield"],
        True,
        "BLS Provider",
    ),
    (
        "unit code set apart before the title",
        [
            "These competencies were attained in completion of",
            ("HLTAID014 - Provide First Aid", 1.4),
        ],
        True,
        "Provide First Aid",
    ),
    (
        "a title going on to the next line with 'with'",
        ["has successfully completed", ("Data Analysis", 2.0), ("with Python", 2.0), "Jan 9, 2027"],
        False,
        "Data Analysis with Python",
    ),
    (
        "a title wrapping onto a line beginning with 'Complete'",
        ["has successfully completed", ("Kettlebell Training: The", 1.6), ("Complete Guide", 1.6)],
        False,
        "Kettlebell Training: The Complete Guide",
    ),
    (
        "'with' and lower case ends the title",
        ["has completed Water Safety with a score of 92%"],
        False,
        "Water Safety",
    ),
    (
        "the line under the paper's heading, over a larger module line",
        [
            ("CERTIFICATE OF COMPLETION", 2.5),
            ("FOOD HANDLER SAFETY TRAINING", 1.2),
            "PRESENTED TO",
            ("Ana Lima", 2.0),
            ("General Module", 1.6),
        ],
        False,
        "FOOD HANDLER SAFETY TRAINING",
    ),
    (
        "a label ending in 'completed' is not the certificate's sentence",
        [
            ("Ana Lima", 2.4),
            ("Certificate of Completion for", 1.2),
            ("Cloud Basics - Training Badge", 1.3),
            "Course hours completed",
            "20 hours",
            "Issued on",
            "11/13/2028",
        ],
        False,
        "Cloud Basics - Training Badge",
    ),
    (
        "the sentence ends with 'course:' on the next line",
        [
            "Has completed the following Acme Program || course:",
            "Workplace Privacy Basics",
            "(Course Learner Group)",
        ],
        False,
        "Workplace Privacy Basics",
    ),
    (
        "a value captioned as something else is not the course",
        [
            "has completed the following course:",
            "Information Security (IS)",
            "(Curriculum Group)",
            "Research Privacy Basics",
            "(Course Learner Group)",
        ],
        False,
        "Research Privacy Basics",
    ),
    (
        "the session attended under the program's name",
        [
            "This is to certify that",
            ("Ana Lima", 1.5),
            "attended the",
            "Sports Nutrition Certificate Program - Online",
            "",
            "Fueling Endurance Athletes: Practical Strategies",
            "",
            "March 12, 2029",
        ],
        False,
        "Fueling Endurance Athletes: Practical Strategies",
    ),
    (
        "the activity a wrapped sentence introduces with a colon",
        [
            "participou do Encontro de Saúde do Vale do Norte, promovido",
            "pela Universidade Estadual do Vale, na atividade:",
            "Oficina de Primeiros Socorros no Esporte",
            "realizado nos dias 02 a 04 de junho de 2027",
        ],
        False,
        "Oficina de Primeiros Socorros no Esporte",
    ),
    (
        "the session a congress certificate names after a colon",
        [
            "attended the Annual Congress of Exercise Science, in the session:",
            "Load Management in Youth Athletes",
        ],
        False,
        "Load Management in Youth Athletes",
    ),
    (
        "the session attended under the conference's name",
        [
            "This is to certify that",
            ("Ana Lima", 1.5),
            "attended the",
            "Northern Sports Medicine Conference 2029",
            "",
            "Return to Running after Knee Surgery",
            "",
            "April 18, 2029",
        ],
        False,
        "Return to Running after Knee Surgery",
    ),
    (
        "a program's name with no session under it is the course",
        [
            "This is to certify that",
            ("Ana Lima", 1.5),
            "has completed the",
            "Youth Strength Coaching Certificate Program",
            "",
            "April 18, 2029",
        ],
        False,
        "Youth Strength Coaching Certificate Program",
    ),
    (
        "the holder's sentence set large is not a title",
        [("Hereby Certifies", 2.6), ("Maria Gomez", 2.2), "duly registered with all rights"],
        False,
        None,
    ),
    (
        "a lone status word is not a title",
        ["has successfully completed the requirements to be recognized", "as", ("CERTIFIED", 1.5)],
        False,
        None,
    ),
    (
        "an organisation's name set large is not the title",
        [
            ("American Council on Exercise", 2.8),
            "This certificate attests that",
            ("JOHN SMITH", 2.0),
            "has met all the requirements",
            ("CERTIFIED GROUP INSTRUCTOR", 1.6),
        ],
        False,
        "CERTIFIED GROUP INSTRUCTOR",
    ),
    (
        "the rest of an organisation's name begun on the line above is not a title",
        [
            ("TOKEN OF APPRECIATION", 2.5),
            ("Mina Rai", 2.0),
            ("for assistance in the blood drive organized by Society of", 1.2),
            ("Anesthesiologists of Nepal (SAN) held", 1.2),
        ],
        False,
        None,
    ),
    (
        "the holder's name in the course's column is not the course",
        ["Course || Participant", "Mei Chang || Mei Chang", "has completed the course"],
        False,
        None,
    ),
    (
        "letters run together into one long word are not a title",
        ["has successfully completed", ("OESESOESSESSCSSESSOSCTES", 1.5)],
        False,
        None,
    ),
    (
        "a form's section label is not a title",
        [("Licensee Details", 1.3), ("Demographic Information", 1.2), "Status: Active"],
        False,
        None,
    ),
    (
        "the program's name set above the card's course",
        [("BASIC LIFE SUPPORT", 1.0), "", ("HeartCode Complete", 1.3), ("BLS Provider", 1.3)],
        True,
        "HeartCode Complete BLS Provider",
    ),
    (
        "a course line with its qualifier outranks a larger banner",
        [("BASIC LIFE SUPPORT", 3.0), ("BLS", 1.6), ("Provider", 1.5), "Dana Whitfield"],
        True,
        "BLS Provider",
    ),
    (
        "the last words of 'certified in' begin the card's course",
        [
            ("Ngozi Okoro", 2.0),
            ("Is Certified in Standard", 1.5),
            ("First Aid & CPR/AED level C", 2.0),
            "Certificate number: 105187",
        ],
        True,
        "Standard First Aid & CPR/AED level C",
    ),
    (
        "a card's course in Italian, its words run together by OCR",
        [("CENTRO VITA SALVA", 1.2), ("EsecutoreBLSD", 1.8), "ROSSI MARTA", "DATA: 05/02/2027"],
        True,
        "Esecutore BLSD",
    ),
    (
        "a card's course without the word saying a course follows",
        [("Curso de Primeros Auxilios Laborales", 1.6), "Marta Ruiz Gil", "Fecha: 05/02/2027"],
        True,
        "Primeros Auxilios Laborales",
    ),
    (
        "how long the course ran is not its name",
        [
            "This is to certify that",
            ("Dana Whitfield", 1.6),
            "has completed a two-day Wound Care Essentials training",
        ],
        False,
        "Wound Care Essentials training",
    ),
    (
        "the designation the certificate says was received",
        [
            "The Examinations Board attests that Dana Whitfield has passed the exam,",
            "receiving the designation of ABC - Certified Widget Analyst, in",
            "its 2.0 version.",
        ],
        False,
        "ABC - Certified Widget Analyst",
    ),
    (
        "a title set large does not go on into the decree it is held under",
        [
            ("ATTESTATO", 2.0),
            ("Sicurezza dei Lavoratori nei Cantieri Temporanei", 1.3),
            ("ai sensi del Decreto 12 del 14 Marzo 2019, art. 5", 1.1),
            "Si certifica che",
            "Marta Rossi",
        ],
        False,
        "Sicurezza dei Lavoratori nei Cantieri Temporanei",
    ),
]


@pytest.mark.parametrize(
    ("rows", "is_card", "expected"), [c[1:] for c in TITLES], ids=[c[0] for c in TITLES]
)
def test_course_title(rows: list[Row], is_card: bool, expected: str | None) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, is_card, legible_at=LEGIBLE, holder=holder)
    assert (title.value if title else None) == expected


CODES: list[tuple[str, list[Row], bool, str | None]] = [
    (
        "code at the head of the title",
        ["successfully completed the", "F-58 Fire Drill Coordinator"],
        False,
        "F-58",
    ),
    (
        "code in brackets in the title",
        [("Team Basics A (TB-A) Safe Lifting", 2.0), "Issued on 17 Jun 2028"],
        False,
        "TB-A",
    ),
    (
        "labelled course code",
        ["Course Code: KB-2041", "has completed Kettlebells"],
        False,
        "KB-2041",
    ),
    ("ACE course number, CS prefix", ["ACE approved course CS123456"], False, "CS123456"),
    ("ACE course number, CL prefix", ["ACE CECs 0.4 CL54321"], False, "CL54321"),
    (
        "an acronym in brackets is not a code",
        ["has completed", "Advanced Life Support (ACLS)"],
        False,
        None,
    ),
    (
        "an accredited activity's number",
        ["Accreditation: Mainpro+", "CFPC CERT+ ID# 418806-002"],
        False,
        "418806-002",
    ),
    ("a conference session's number", ["Session ID: SMC-24-117", "attended"], False, "SMC-24-117"),
    (
        "a pharmacy activity's universal number",
        ["ACPE UAN: 0123-4567-25-081-H04-P", "Contact hours: 1.5"],
        False,
        "0123-4567-25-081-H04-P",
    ),
    ("a CE Broker tracking number", ["CE Broker Tracking # 20-884132"], False, "20-884132"),
    ("labelled event code", ["Event code: EV-2231", "has attended Mobility"], False, "EV-2231"),
    (
        "unit code at the head of a card's course",
        [
            "These competencies were attained in completion of",
            ("HLTAID014 - Provide First Aid", 1.4),
        ],
        True,
        "HLTAID014",
    ),
    (
        "an unlabelled course number is not a card's code",
        [("BLS", 2.0), ("Provider", 1.6), "ACE approved course CS123456"],
        True,
        None,
    ),
]


@pytest.mark.parametrize(
    ("rows", "is_card", "expected"), [c[1:] for c in CODES], ids=[c[0] for c in CODES]
)
def test_course_code(rows: list[Row], is_card: bool, expected: str | None) -> None:
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, is_card, legible_at=LEGIBLE, holder=holder)
    code = fields.course_code(index, labeled, title, is_card=is_card)
    assert (code.value if code else None) == expected


IDS: list[tuple[str, list[Row], str | None]] = [
    (
        "last segment of a verify link",
        ["Verify at example.org/verify/ABCD1234EFGH"],
        "ABCD1234EFGH",
    ),
    (
        "last segment of a certificates link",
        ["https://learn.example.com/certificates/9f8e7d6c5b4a39281706"],
        "9f8e7d6c5b4a39281706",
    ),
    (
        "a link broken over lines",
        ["https://example.org/verify/profession", "al-cert/ZX81QW7PLM2K"],
        "ZX81QW7PLM2K",
    ),
    ("long hex id after its label", ["Certificate ID: " + "ab12" * 16], "ab12" * 16),
    (
        "French label 'N° de certificat'",
        ["N° de certificat : UC-1a2b3c4d-0000-4c9b-9715-5adbebfe6273"],
        "UC-1a2b3c4d-0000-4c9b-9715-5adbebfe6273",
    ),
    ("French 'Attestation n°'", ["Attestation n° 482913570"], "482913570"),
    (
        "value above its caption label",
        [("4829301756", 1.6), "Certificate Number"],
        "4829301756",
    ),
    (
        "eCard code in a table",
        ["eCard Code || Training Center City", "215400001234 || Springfield"],
        "215400001234",
    ),
    ("credential id label", ["Credential ID: 8KXW-22QP-71"], "8KXW-22QP-71"),
    ("cert # without a space", ["Cert# AB-209918"], "AB-209918"),
    ("verification code label", ["Verification Code: 7HQ2MZ91"], "7HQ2MZ91"),
    (
        "an instructor's id is not the certificate's",
        ["Instructor ID || Training Center ID", "01101662377 || WI20877"],
        None,
    ),
    (
        "the document's noun, a colon and a number in two parts",
        ["Certificate: 31-60428"],
        "31-60428",
    ),
    ("the document's noun before a date is no id", ["Certificate: 2025-03-14"], None),
    (
        "an id cut short beside its label, printed whole in the link",
        [
            "Certificate no: UC-1a2b3c4d-0000-4c9b",
            "Certificate url: example.org/UC-1a2b3c4d-0000-4c9b-9715-5adbebfe6273",
        ],
        "UC-1a2b3c4d-0000-4c9b-9715-5adbebfe6273",
    ),
    (
        "an id wrapped at a hyphen onto the next line",
        ["Certificate ID: QX12-RT34-", "WV56ZP78", "Issued 3 March 2025"],
        "QX12-RT34-WV56ZP78",
    ),
    (
        "a number after a number sign, alone on its line",
        ["STATEMENT OF ACCOMPLISHMENT", "#31,204,118", "HAS BEEN AWARDED TO"],
        "31,204,118",
    ),
    ("a phone number is not an id", ["(212) 555-0142"], None),
    ("a link without an id", ["go to www.example.org/cpr/mycards"], None),
    ("a page name in a link is not an id", ["www.example.org/courses/intro-python-101"], None),
]


@pytest.mark.parametrize(("rows", "expected"), [c[1:] for c in IDS], ids=[c[0] for c in IDS])
def test_certificate_id(rows: list[Row], expected: str | None) -> None:
    index, labeled = read_page(rows)
    found = fields.certificate_id(index, labeled, None)
    assert (found.value if found else None) == expected


LABELS: list[tuple[str, list[Row], str, str]] = [
    (
        "table header row, values in the same columns below",
        ["Issue Date || Renew By", "9/16/2026 || 09/2028"],
        "expiry_date",
        "09/2028",
    ),
    (
        "colon label with its value on the same line",
        ["Participant: Lee Wong || Date: 05/06/2027"],
        "holder_name",
        "Lee Wong",
    ),
    (
        "label in a cell, value in the next cell",
        ["Certificate No. || 2027-00417"],
        "certificate_id",
        "2027-00417",
    ),
    (
        "caption label under its value",
        [("05/14/2029", 1.5), "Expiration Date"],
        "expiry_date",
        "05/14/2029",
    ),
    (
        "French label",
        ["Nom du participant : Claire Dubois"],
        "holder_name",
        "Claire Dubois",
    ),
]


@pytest.mark.parametrize(
    ("rows", "field", "expected"), [c[1:] for c in LABELS], ids=[c[0] for c in LABELS]
)
def test_labeled_value(rows: list[Row], field: str, expected: str) -> None:
    _, labeled = read_page(rows)
    assert [v.value.text for v in labeled if v.field == field][:1] == [expected]


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(12.0, None), (90.0, "First Aid for Orchard Crews")],
    ids=["junk read in a border is not a title", "a legible large line is"],
)
def test_title_by_size_must_be_legible(confidence: float, expected: str | None) -> None:
    index = _with_large_line(["Lee Wong", "Signature"], "First Aid for Orchard Crews", confidence)
    holder = fields.holder_name(index, [])
    title = fields.course_title(index, [], False, legible_at=LEGIBLE, holder=holder)
    assert (title.value if title else None) == expected


@pytest.mark.parametrize(
    ("confidence", "expected"),
    [(10.0, None), (90.0, "Marta Ruiz")],
    ids=["a seal read as letters is not a name", "a legible large name is"],
)
def test_name_by_size_must_be_legible(confidence: float, expected: str | None) -> None:
    index = _with_large_line(["Statement of Results", "Signature"], "Marta Ruiz", confidence)
    holder = fields.holder_name(index, [], legible_at=LEGIBLE)
    assert (holder.value if holder else None) == expected


def _with_large_line(rows: list[Row], large: str, confidence: float) -> TextIndex:
    """An OCR page of ``rows`` with ``large`` set twice as large, read at ``confidence``."""
    index = page_index(rows)
    height = 2.0 * BODY
    words = [*(w for ref in index.lines for w in ref.line.words)]
    x = 0.05
    for token in large.split():
        width = 0.5 * height * len(token)
        words.append(Word(token, Box(x, 0.5, x + width, 0.5 + height), confidence))
        x += width + 0.3 * height
    page = PageText(0, 612.0, 612.0, TextSource.OCR, group_lines(words))
    triage = TriageResult(FileKind.PNG, "0" * 64, 0, 1, "image/png")
    return TextIndex(DocumentText(triage=triage, pages=(page,)))
