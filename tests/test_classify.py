"""What kind of document a page is, from the wording such documents are written in.

Each case is one way real certificates, cards and other papers put things
(names and organisations invented); English, French and Spanish.
"""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from extractors.classify import classify
from extractors.legibility import Legibility, legibility, legibility_of_words
from extractors.reading import ocr_page
from extractors.textindex import TextIndex
from ingest.model import Box, DocumentText, FileKind, TriageResult, Word
from ingest.record import CardSide, DocumentType
from ingest.settings import Settings

SETTINGS = Settings()

COURSE_CERTIFICATES = {
    "completion sentence": "CERTIFICATE OF COMPLETION\nThis certifies that\nDana Lee\n"
    "has successfully completed\nKettlebell Foundations\nMarch 3, 2028",
    "awarded for completing": "This certificate is awarded to\nOmar Haddad\n"
    "for successfully completing the course\nIntroduction to Sports Nutrition",
    "credits with the certifier": "Summit Strength Academy\nPresented to Ana Ruiz\n"
    "Functional Training for Older Adults\n0.8 NASM CEUs  |  8 contact hours",
    "attended a CPD event": "This is to certify that\nPriya Nair\nattended the\n"
    "Annual Sports Medicine Update\nThis continuing professional development activity "
    "is accredited for up to 6.0 credits.",
    "CME certificate on a resuscitation course": "CERTIFICATE OF CONTINUING MEDICAL EDUCATION\n"
    "Riverbend Institute certifies that\nLeo Park\nhas participated in the activity titled\n"
    "Advanced Cardiac Life Support (ACLS) Recertification\n"
    "designated for 4.0 nursing contact hours",
    "record of completion": "RECORD OF COMPLETION\nthis record confirms\nMia Chen\n"
    "has completed the following course:\nNutrition Course\nCompletion Date",
    "letter of completion": "To Whom It May Concern:\nThis letter confirms that Sam Ortiz "
    "successfully completed the required Fire Guard Training course.",
    "statement of attainment": "Statement of Attainment\nJo Baker\nThese competencies were "
    "attained in completion of\nBSBWHS332X Apply infection prevention procedures",
    "course completed by": "What Is Mobility Training?\nCourse completed by Ravi Shah\n"
    "Aug 10, 2028 at 06:06PM UTC • 1 hour 12 minutes",
    "training badge": "Ravi Shah\nCloud Essentials - Training Badge\n"
    "Course hours completed 20 hours\nIssued on 11/13/2028",
    "badge issued by": "Preventing Falls in Older Adults e-Learning Course\n"
    "Issued on 2 Feb 2028 by Healthy Ageing Network",
    "internship completed": "Certificate of Completion\nThis certificate is awarded to\n"
    "Nora Kim\nfor successfully completing the Virtual Internship in Exercise Science",
    "competency": "CERTIFICATE OF COMPETENCY\nThis certificate is awarded to\nJ. ALVAREZ\n"
    "for demonstrating competence in the completion of\nSTRENGTH TESTING METHODS",
    "in-service attendance": "In-Service Attendance Certificate\nPRESENTED TO\nLUZ GOMEZ\n"
    "Who has successfully completed four (4) hours for\nInfection Control",
    "french udemy-like": "Certificat de fin de formation\nCe document atteste que Marc "
    "Dubois a validé 6,5 total heures du cours en ligne Pilates au sol",
    "french attestation": "Attestation délivrée le mardi 3 mars 2023 à\nJulie Martin\n"
    "Pour avoir complété avec succès la formation\nNutrition du sportif",
    "french a réussi": "Certificat de réussite\nNous certifions que Paul Girard a réussi "
    "la formation Coaching en salle",
    "spanish finalizacion": "CERTIFICADO DE FINALIZACIÓN\nSe otorga a Lucía Torres por haber "
    "completado satisfactoriamente el curso Entrenamiento Funcional, 20 horas",
    "spanish ha completado": "Certificado\nJuan Pérez\nha completado con éxito el taller "
    "de Nutrición Deportiva",
    "credential wording with CEUs printed": "National Fitness Academy\nhas conferred upon\n"
    "Kim Lee\nthe certificate of\nCertified Group Fitness Coach\nwith all the honors, "
    "rights, privileges\nCEUs: NFA 1.9, ACE 2.0",
    "earned category 1 credits": "This certifies that\nPat Lee\nhas earned 14 AMA PRA "
    "Category 1 Credits™\nfor the educational activity Sports Cardiology Update",
    "online specialization": "Mar 1, 2028\nAna Gil\nhas successfully completed the online, "
    "non-credit Specialization\nSports Performance",
    "mental health first aid": "This certifies that Ann Ray has completed the Mental Health "
    "First Aid course and is certified as a Mental Health First Aider",
    "holder named by their own credential": "This certifies that Dana Lee, NASM Certified "
    "Personal Trainer (Certification # 12345), has successfully completed Kettlebell Basics",
    "met the requirements of the course": "Certificate\nOmar Haddad\nhas met the requirements "
    "of the course Youth Strength Training\nJune 2, 2028",
    "psychological first aid online course": "COURSE CERTIFICATE\nLee Wong\n"
    "has successfully completed\nPsychological First Aid\nan online non-credit course",
}

CARDS = {
    "wallet front": (
        "Heartsaver CPR AED\nDana Lee\nhas successfully completed the cognitive and skills "
        "evaluations\nIssue Date 04/23/2028\nRecommended Renewal Date 04/2030",
        CardSide.FRONT,
    ),
    "wallet back": (
        "Training Center Name Lakeside CPR\nTC ID # WI11873\nInstructor Name Bo Stone\n"
        "Instructor ID # 0882110\neCard Code 2Q7K19X4PL03\nHolder's Signature",
        CardSide.BACK,
    ),
    "ecard labels without their values": (
        "BASIC LIFE SUPPORT\nBLS Provider\nhas successfully completed the cognitive and "
        "skills evaluations\nRenew By\nIssue Date\nTraining Center Name\nInstructor Name\n"
        "Instructor ID\neCard Code\nTo view or verify authenticity, scan this QR code",
        CardSide.BOTH,
    ),
    "issuer certificate of completion": (
        "Red Cross Training Services\nCertificate of Completion\nSam Ortiz\nhas successfully "
        "completed requirements for\nBasic Life Support\nDate Completed: 4/11/2027\n"
        "Validity Period: 2 Years",
        CardSide.BOTH,
    ),
    "certificate of participation in CPR training": (
        "CERTIFICATE OF PARTICIPATION\nThis is to certify that\nRITA SHAH\nhas successfully "
        "completed half day Cardiopulmonary Resuscitation (CPR) training with hands on session",
        CardSide.BOTH,
    ),
    "statement of attainment in first aid": (
        "Statement of Attainment\nJo Baker\nThese competencies were attained in completion of\n"
        "HLTAID014 Provide First Aid\nHLTAID015 Provide cardiopulmonary resuscitation\n"
        "Date Completed\n10/07/2026",
        CardSide.BOTH,
    ),
    "issued by, on a wallet front": (
        "Adult CPR/AED\nDana Lee\nhas successfully completed\nIssued by Lakeside Safety "
        "Training\nDate Completed: 01/20/2028\nValid for 2 years",
        CardSide.FRONT,
    ),
    "is certified in": (
        "Nina Roy\nIs certified in\nBasic Life Support (HCP)\nCertificate number 105534\n"
        "Expiry Date: 2028-11-14\nIssue Date: 2027-11-14",
        CardSide.FRONT,
    ),
    "participant and instructor on one card": (
        "Adult CPR and AED\nParticipant: Jon Price\nCompletion Date: 01/15/2029\n"
        "Expiration Date: 01/15/2031\nInstructor: Dee Okafor\nTraining Center: SafeStart\n"
        "Participant Signature",
        CardSide.BOTH,
    ),
    "first aid at work, valid for years": (
        "This is to certify that\nKim Park\nhas attended and successfully completed the course"
        "\nEmergency First Aid at Work\nvalid for three years from 12/01/2027",
        CardSide.FRONT,
    ),
    "spanish card": (
        "Soporte Vital Básico (RCP y DEA)\nMaría Gil\nFecha de emisión: 12/03/2028\n"
        "Válido hasta: 12/03/2030",
        CardSide.FRONT,
    ),
}

OTHER = {
    "met the requirements of a certifier": "This certificate attests that\nDANA LEE\nhas met "
    "all the requirements of the National Exercise Council to design exercise programs\n"
    "CERTIFIED PERSONAL TRAINER\nVALID THROUGH\nJune 30, 2030",
    "hereby certified as": "The Board hereby certifies that Omar Haddad is certified as a "
    "Strength and Conditioning Specialist\nCertification Number 2231",
    "registered with rights and privileges": "National Registry of Paramedics\nHereby Certifies\n"
    "Ana Ruiz\nas a Paramedic duly registered together with all the rights and privileges "
    "thereto\nIn Testimony Whereof",
    "recognized as, with a certification number": "The College certifies that\nAnn Ray\nhas "
    "demonstrated the knowledge and skills and is hereby recognized as a\nCertified Exercise "
    "Physiologist\nCertification Number 12345",
    "degree conferred": "upon the recommendation of the faculty has conferred upon\nAnn Ray\n"
    "the degree of\nBachelor of Science\nwith all the rights, privileges and honors",
    "licence lookup": "Licensee Details\nName: LEO PARK\nCertification Information\n"
    "Cert. #: E1234\nStatus: Active\nExpiration: 10/31/2030",
    "completed the requirements to be recognized as": "Jo Baker\nhas successfully completed "
    "the requirements to be recognized as\nCERTIFIED\nDATE CERTIFIED\nCAREER ID",
    "token of appreciation": "TOKEN OF APPRECIATION TO\nRN MIA CHEN\nfor technical assistance in "
    "the blood donation programme organized by the Society",
    "certificate of appreciation": "Certificate of Appreciation\npresented to Sam Ortiz\n"
    "in recognition of your dedicated service",
    "invoice": "INVOICE\nBill to: Dana Lee\nKettlebell workshop registration  1  $189.00\n"
    "Subtotal $189.00\nTotal $189.00",
    "insurance": "CERTIFICATE OF LIABILITY INSURANCE\nInsured: Dana Lee Personal Training\n"
    "Policy Number PT-22831",
}


@pytest.mark.parametrize("text", COURSE_CERTIFICATES.values(), ids=COURSE_CERTIFICATES.keys())
def test_course_certificates(text: str) -> None:
    assert classify(text, SETTINGS).document_type is DocumentType.CEU_CERTIFICATE


@pytest.mark.parametrize(("text", "side"), CARDS.values(), ids=CARDS.keys())
def test_cards_and_their_side(text: str, side: CardSide) -> None:
    kind = classify(text, SETTINGS)
    assert (kind.document_type, kind.card_side) == (DocumentType.CPR_AED_CARD, side)


@pytest.mark.parametrize("text", OTHER.values(), ids=OTHER.keys())
def test_documents_of_another_kind(text: str) -> None:
    assert classify(text, SETTINGS).document_type is DocumentType.OTHER


def test_too_few_cues_is_unknown() -> None:
    text = "Dana Lee\n5/17/2028\nCERT-05550123\nGeneral | 2 hours"
    assert classify(text, SETTINGS).document_type is DocumentType.UNKNOWN


ILLEGIBLE = {
    "letters read at low confidence": Legibility(400, 0.1, 0.95, "LATIN"),
    "mostly another script": Legibility(400, 0.9, 0.2, "ARABIC"),
    "almost nothing read": Legibility(12, 1.0, 1.0, "LATIN"),
}


@pytest.mark.parametrize("read", ILLEGIBLE.values(), ids=ILLEGIBLE.keys())
def test_little_legible_text_is_unknown_whatever_the_cues(read: Legibility) -> None:
    text = "Certificate of Completion\nhas successfully completed\nCPR AED first aid"
    assert classify(text, SETTINGS, legibility=read).document_type is DocumentType.UNKNOWN


def _words(*pairs: tuple[str, float]) -> list[Word]:
    return [Word(text, Box(0, 0, 0.1, 0.1), confidence) for text, confidence in pairs]


LEGIBILITY = {
    "clear latin": (_words(("Certificate", 96), ("of", 95), ("Completion", 91)), (1.0, 1.0)),
    "garbled": (_words(("gluwo", 31), ("olosl", 22), ("Dana", 90)), (0.29, 1.0)),
    "arabic": (_words(("شهادة", 90), ("إتمام", 88), ("CPR", 95)), (1.0, 0.23)),
}


@pytest.mark.parametrize(("read", "shares"), LEGIBILITY.values(), ids=LEGIBILITY.keys())
def test_legibility_shares(read: list[Word], shares: tuple[float, float]) -> None:
    found = legibility_of_words(read, SETTINGS.kind_confident_at)
    assert (round(found.confident_share, 2), round(found.latin_share, 2)) == shares


ARABIC_FIRST_AID_CERTIFICATE = ("شهادة إتمام", "قد أتم بنجاح دورة الإسعافات الأولية", "مدير المركز")


def test_a_page_in_a_script_not_read_is_unknown() -> None:
    """Tesseract given an Arabic certificate with Latin models: the kind is not guessed."""
    page = Image.new("RGB", (1000, 420), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("DejaVuSans.ttf", 40)
    for row, line in enumerate(ARABIC_FIRST_AID_CERTIFICATE):
        draw.text((960, 40 + row * 120), line, font=font, fill="black", anchor="ra")
    triage = TriageResult(FileKind.PNG, "0" * 64, 1, 1, "image/png")
    document = DocumentText(triage, (ocr_page(page, 0, SETTINGS),))
    read = legibility(document, SETTINGS.kind_confident_at)
    kind = classify(TextIndex(document).text, SETTINGS, legibility=read)
    assert kind.document_type is DocumentType.UNKNOWN
