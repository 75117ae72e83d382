"""How certificates nobody here designed are written: made-up values in the shapes
real pages print (damaged dates, Red Cross societies in their own languages,
letters that greet their holder, names wrapped or sprinkled with marks, titles
next to names, letter-spaced headings, initialism labels)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from extractors import fields
from extractors.card_title import card_course
from extractors.classify import classify
from extractors.credits import find_credits, read_credits
from extractors.dates import find_dates
from extractors.found import Found
from extractors.holder import is_signer
from extractors.issuers import find_issuer
from extractors.labels import labeled_values
from extractors.providers import card_issuer, provider_name
from extractors.textindex import TextIndex
from extractors.when import completion_date, expiry_date
from ingest.settings import Settings
from pipeline.understand import understand
from tests.text_pages import Row, read_page, stacked_document

Build = Callable[..., TextIndex]
LEGIBLE = 60.0

MISREAD_DATES = {
    "rounded zero read as nine": ("97/20/2028", dt.date(2028, 7, 20)),
    "zero read as eight, not a three": ("87/20/2029", dt.date(2029, 7, 20)),
    "a possible date is read as printed": ("07/20/2028", dt.date(2028, 7, 20)),
    "no month can be read back": ("13/13/2023", None),
    "day first, its day read back": ("91/03/2027", dt.date(2027, 3, 1)),
    "a script font's 'th' and D as OCR reads them": (
        'Given On This 15" Bay of September, 2000',
        dt.date(2000, 9, 15),
    ),
    "an Albanian month name": ("Shkodër, 2 Shkurt 2027", dt.date(2027, 2, 2)),
    "a Romanian month name": ("15 octombrie 2026", dt.date(2026, 10, 15)),
    "a short form of those languages is no month": ("Part 3 pro 2024", None),
}


@pytest.mark.parametrize("case", sorted(MISREAD_DATES), ids=sorted(MISREAD_DATES))
def test_misread_numeric_date(case: str) -> None:
    text, expected = MISREAD_DATES[case]
    mentions = find_dates(text, day_first=case.startswith("day first"))
    assert (mentions[0].value if mentions else None) == expected


VALIDITY = {
    "a damaged validity range": (
        ("Jane Roe", "CPR AED", "97/20/2028 - 87/20/2029", "DATES VALID"),
        ("2028-07-20", "2029-07-20"),
    ),
    "a course's last day beats a law's date and a print date": (
        (
            "25/11/2022",
            "Jane Roe",
            "Accordo Stato-Regioni del 21 Dicembre 2014",
            "durata ore 12 svoltosi dal 30/05/2026 al 08/06/2026",
        ),
        ("2026-06-08", None),
    ),
    "a validity sentence wrapped before its date": (
        (
            "Jane Roe",
            "first aid course on 26/11/2026 (this certificate is valid",
            "until 26/11/2031).",
        ),
        ("2026-11-26", "2031-11-26"),
    ),
    "a course run over weeks is not a validity": (
        ("Jane Roe", "Course held 03/02/2028 - 03/30/2028"),
        ("2028-03-30", None),
    ),
}


@pytest.mark.parametrize("case", sorted(VALIDITY), ids=sorted(VALIDITY))
def test_validity_range(case: str, index_of: Build) -> None:
    lines, expected = VALIDITY[case]
    index = index_of(*lines)
    labeled = labeled_values(index)
    issued = completion_date(index, labeled)
    expires = expiry_date(index, labeled, issued)
    read = tuple(str(f.value) if f else None for f in (issued, expires))
    assert read == expected


RED_CROSS = {
    "French society": (
        "Le Président de la Croix-Rouge française, déclarant",
        "Croix-Rouge française",
    ),
    "Mexican society": ("Cruz Roja Mexicana", "Cruz Roja Mexicana"),
    "Belgian society": ("Croix-Rouge de Belgique", "Croix-Rouge de Belgique"),
    "Canadian in French": ("Croix-Rouge canadienne", "Croix-Rouge canadienne"),
    "a logo naming no society": ("CROIX- ROUGE", "CROIX-ROUGE"),
    "a country before, in English": ("Kenya Red Cross Society", "Kenya Red Cross Society"),
}


@pytest.mark.parametrize("case", sorted(RED_CROSS), ids=sorted(RED_CROSS))
def test_red_cross_society(case: str) -> None:
    text, expected = RED_CROSS[case]
    mention = find_issuer(text)
    assert (mention.name if mention else None) == expected


def test_named_society_beats_bare_logo(index_of: Build) -> None:
    index = index_of("CROIX-ROUGE", "Certificat", "Le Président de la Croix-Rouge luxembourgeoise")
    issuer = card_issuer(index, back_only=False)
    assert (issuer.value if issuer else None) == "Croix-Rouge luxembourgeoise"


CREDENTIALS = {
    "passed an examination, role title wrapped": (
        "This is to Certify That",
        "Lee Tanaka",
        "Has Successfully Passed the Northern Fitness Guild Exam",
        "STRENGTH",
        "COACH",
    ),
    "completion of an examination, proficiency as": (
        "This certificate is awarded to",
        "Lee Tanaka",
        "In recognition of the satisfactory completion of our examination,",
        "showing proficiency as an",
        "AQUATIC EXERCISE INSTRUCTOR",
    ),
}


@pytest.mark.parametrize("case", sorted(CREDENTIALS), ids=sorted(CREDENTIALS))
def test_credential_by_examination(case: str) -> None:
    kind = classify("\n".join(CREDENTIALS[case]), Settings())
    assert kind.document_type.value == "other"


HOLDERS = {
    "name wrapped onto a second line": (
        ("This is to Certify That", "Maria del Carmen", "Ortega Ruiz", "Has Successfully Passed"),
        "Maria del Carmen Ortega Ruiz",
    ),
    "marks between the words, specks above": (
        (
            "This is to Certify That",
            "eo",
            "LI",
            "Tomas : Berglund :",
            "EE",
            "Has Successfully Passed the exam",
        ),
        "Tomas Berglund",
    ),
    "capitals with an I read as '!', above 'participated in'": (
        ("Youthpass", "LIRIDA KASTRAT!", "participated in the Youth Exchange"),
        "LIRIDA KASTRATI",
    ),
    "a letter greets its holder": (
        ("4/9/2027", "Dear Priya", "Your card is below.", "Brightline Rescue", "PRIYA NATHAN"),
        "PRIYA NATHAN",
    ),
}


@pytest.mark.parametrize("case", sorted(HOLDERS), ids=sorted(HOLDERS))
def test_holder(case: str, index_of: Build) -> None:
    lines, expected = HOLDERS[case]
    index = index_of(*lines)
    holder = fields.holder_name(index, labeled_values(index))
    assert (holder.value if holder else None) == expected


TITLES = {
    "the course under an Italian certificate's heading": (
        ("ATTESTATO DI FREQUENZA", "Primo Soccorso Aziendale", "rilasciato a Mario Bianchi"),
        "Primo Soccorso Aziendale",
    ),
    "the holder's line under the title is not part of it": (
        (
            "Certificate of Completion",
            "Mindful Movement Coach",
            "Ines Duarte",
            "has successfully completed the requirements for the program",
        ),
        "Mindful Movement Coach",
    ),
    "the line of the course's dates does not continue its title": (
        (
            "Ines Duarte",
            "Por haber concluido satisfactoriamente el plan de estudios del",
            "DIPLOMADO EN ERGONOMIA",
            "Del 1 de Septiembre del 2018 al 18 de Agosto del 2019",
        ),
        "DIPLOMADO EN ERGONOMIA",
    ),
    "words that only say a course follows are no title": (
        (
            "Hereby Certifies That",
            "Ines Duarte",
            "Has Successfully Completed The Training Course Hor",
            "Aquatic Rehabilitation Methods",
        ),
        "Aquatic Rehabilitation Methods",
    ),
    "a signature caption is not a title": (
        (
            "Ines Duarte",
            "has successfully completed the requirements for the program",
            "12 Sep 2028",
            "Authorized signature",
        ),
        None,
    ),
}


@pytest.mark.parametrize("case", sorted(TITLES), ids=sorted(TITLES))
def test_title_is_not_someone(case: str, index_of: Build) -> None:
    lines, expected = TITLES[case]
    index = index_of(*lines)
    labeled = labeled_values(index)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    assert (title.value if title else None) == expected


def test_holder_under_a_card_course_is_not_its_qualifier(index_of: Build) -> None:
    course = card_course(index_of("Adult First Aid, CPR & AED", "Oksana Varga-Lind"))
    assert (course.value if course else None) == "Adult First Aid, CPR & AED"


def test_letter_spaced_card_course(index_of: Build) -> None:
    course = card_course(index_of("Jane Roe", "BASIC LI FE SUPPO RT"))
    assert (course.value if course else None) == "BASIC LIFE SUPPORT"


IDS = {
    "an initialism's number": (("Cl Number: 284019",), "284019"),
    "a sentence ends before the id": (("per the guidelines. ID#:K30457",), "K30457"),
    "a phone number is no id": (("Tel Number: 5551234",), None),
    "the document's noun and n for number": (("ATTESTATO N: 20240000031877",), "20240000031877"),
    "a qualifier before n for number": (("Attestation SST N° 7731-2209",), "7731-2209"),
    "a word with n inside is no label": (("Certificate in Nutrition 2027",), None),
    "the document's noun and its code": (("Corso ABCD/112", "Attestato QX204"), "QX204"),
    "a year after the noun is no id": (("Certificate 2027",), None),
}


@pytest.mark.parametrize("case", sorted(IDS), ids=sorted(IDS))
def test_certificate_id_label(case: str, index_of: Build) -> None:
    lines, expected = IDS[case]
    index = index_of(*lines)
    read = fields.certificate_id(index, labeled_values(index), None)
    assert (read.value if read else None) == expected


MORE_FIELDS = {
    "a title the sentence quotes": (
        (
            "Diberikan kepada",
            "Rina Wulandari",
            "Telah menyelesaikan e-learning 'Keselamatan Kerja'",
        ),
        "course_title",
        "Keselamatan Kerja",
    ),
    "an effective date is the issue date": (
        ("Effective Date: 03/12/2029", "Expiration Date: 03/12/2030"),
        "completion_date",
        "2029-03-12",
    ),
    "a date cut short by a stray mark": (
        ("Effective Date: 07/20/20° >",),
        "completion_date",
        None,
    ),
    "the certificate names its id in a sentence": (
        (
            "Jane Roe",
            "The ID of this certificate is QWRT-7KPL-M2X9-4HZD",
        ),
        "certificate_id",
        "QWRT-7KPL-M2X9-4HZD",
    ),
    "hours per week are a pace, not the course's hours": (
        ("Jane Roe", "has completed the course", "Water Safety", "3 weeks, 2 hours per week"),
        "contact_hours",
        None,
    ),
    "an Italian id label, a code with dots": (
        ("CODICE IDENTIFICATIVO: 204711.0393.7781",),
        "certificate_id",
        "204711.0393.7781",
    ),
}


@pytest.mark.parametrize("case", sorted(MORE_FIELDS), ids=sorted(MORE_FIELDS))
def test_more_fields(case: str, index_of: Build) -> None:
    lines, field, expected = MORE_FIELDS[case]
    index = index_of(*lines)
    labeled = labeled_values(index)
    holder = fields.holder_name(index, labeled)
    readers = {
        "course_title": lambda: fields.course_title(
            index, labeled, False, legible_at=LEGIBLE, holder=holder
        ),
        "completion_date": lambda: completion_date(index, labeled),
        "certificate_id": lambda: fields.certificate_id(index, labeled, None),
        "contact_hours": lambda: read_credits(find_credits(index), 0.1).contact_hours,
    }
    read = readers[field]()
    value = read.value if isinstance(read, Found) else read
    assert (str(value) if value is not None else None) == expected


def test_issuer_named_in_another_language(index_of: Build) -> None:
    index = index_of(
        "ATTESTATO DI PARTECIPAZIONE",
        "Giulia Ferri",
        "per aver completato il percorso formativo",
        "organizzato da Istituto Regionale Formazione Sanitaria - Ancona",
    )
    issuer = provider_name(index, labeled_values(index), None)
    assert (issuer.value if issuer else None) == "Istituto Regionale Formazione Sanitaria"


def test_card_course_from_its_sentence(index_of: Build) -> None:
    index = index_of(
        "CERTIFICA QUE:",
        "D. Iker Zubiaurre, de la empresa Talleres Urola, ha asistido al",
        "+ + ¿curso de Reanimación Básica en el Trabajo,",
        "de 8 horas de duración.",
    )
    title = fields.course_title(index, [], True, legible_at=LEGIBLE, holder=None)
    assert (title.value if title else None) == "Reanimación Básica en el Trabajo"


def test_a_sentence_word_is_no_name(index_of: Build) -> None:
    holder = fields.holder_name(index_of("ZIURTATZEN DU CERTIFICA QUE"), [])
    assert holder is None


def test_spanish_constancia(index_of: Build) -> None:
    index = index_of(
        "El Instituto Regional de Salud Laboral",
        "otorga la presente",
        "Constancia a",
        "4» MARTA ELENA RUIZ OCHOA",
        "Por haber concluido el curso a distancia",
        "Prevención de caídas en el trabajo",
        "con una duración de 10 horas.",
    )
    labeled = labeled_values(index)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    read = tuple(str(f.value) if f else None for f in (holder, title))
    assert read == ("MARTA ELENA RUIZ OCHOA", "Prevención de caídas en el trabajo")


def test_issuer_without_its_appositive(index_of: Build) -> None:
    index = index_of(
        "Certificate of Completion",
        "Reham Okafor",
        "has completed the Associate Coaching Practitioner Training on",
        "behalf of Bluefield Labs a Behaviour Coaching",
        "Institute.",
    )
    issuer = provider_name(index, labeled_values(index), None)
    assert (issuer.value if issuer else None) == "Bluefield Labs"


def test_holders_school_and_signers_organisation(index_of: Build) -> None:
    index = index_of(
        "CERTIFICATE OF COMPLETION",
        "This is to certify that",
        "Nadia Okonkwo",
        "of",
        "LAKEVIEW INSTITUTE OF TECHNOLOGY",
        "has attended the one day training on",
        "INTRODUCTION TO CLOUD SECURITY SERVICES",
        "Priya Menon",
        "Training Manager, Brightpath",
    )
    labeled = labeled_values(index)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    issuer = provider_name(index, labeled, holder, title)
    read = tuple(str(f.value) if f else None for f in (title, issuer))
    assert read == ("INTRODUCTION TO CLOUD SECURITY SERVICES", "Brightpath")


def test_a_title_line_is_no_holder_guessed_by_size() -> None:
    document = stacked_document(
        (
            "CERTIFICADO DE CONCLUSAO",
            "Curso COMPLETO de Teste de",
            "Software",
            "Instrutores Gustavo Farias 300.000+ Alunos",
            "Mariana Lopes Teixeira",
            "Data 28 de Outubro de 2025",
        ),
        top=0.1,
        step=0.06,
        height=0.03,
    )
    record = understand(document, Settings(), catalog=None, as_of=dt.date(2029, 5, 1))
    assert record.fields.holder_name == "Mariana Lopes Teixeira"


@pytest.mark.parametrize(
    ("lines", "signer"),
    [
        (("Dana Whitfield", "Director of Education"), True),
        (("CERTIFIED STRENGTH", "COACH"), False),
    ],
    ids=["a-name-over-a-role", "a-title-over-a-role-word"],
)
def test_a_role_under_a_line_makes_a_signer_only_of_a_name(
    lines: tuple[str, ...], signer: bool, index_of: Build
) -> None:
    index = index_of(*lines)
    assert is_signer(index, index.lines[0]) is signer


def test_a_line_of_marks_alone_is_not_read(index_of: Build) -> None:
    index = index_of("CERTIFIED FITNESS", ")", "COACH")
    assert [ref.line.text for ref in index.lines] == ["CERTIFIED FITNESS", "COACH"]


def test_a_credential_title_set_large_under_the_holder() -> None:
    rows: list[Row] = [
        "This is to Certify That",
        ("Mara : Oyelaran", 3.0),
        "Has Successfully Passed the Lakeside Fitness Board Exam",
        ("CERTIFIED AQUA", 2.0),
        ("INSTRUCTOR", 2.0),
    ]
    index, labeled = read_page(rows)
    holder = fields.holder_name(index, labeled)
    title = fields.course_title(index, labeled, False, legible_at=LEGIBLE, holder=holder)
    assert (title.value if title else None) == "CERTIFIED AQUA INSTRUCTOR"


def test_a_record_of_studies_is_no_course_certificate() -> None:
    text = "\n".join(
        (
            "Lakeside Coding School",
            "Student Transcript",
            "Lee Tanaka",
            "Student ID: 40117",
            "Start Date: 01-09-2027",
            "Grad Date: 06-30-2028",
            "Scores - Foundations Validated 98.2%",
        )
    )
    assert classify(text, Settings()).document_type.value == "other"
