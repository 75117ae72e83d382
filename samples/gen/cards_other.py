"""Card faces in the styles of the Red Cross, ASHI/HSI, NSC and an online-only vendor."""

from __future__ import annotations

from samples.gen.cardparts import (
    CARD_H,
    CARD_W,
    Face,
    card_outline,
    front_face,
    label_value,
    qr_block,
    red_cross,
)
from samples.gen.dates import fmt_date
from samples.gen.draw import Sheet
from samples.gen.model import CardData, Fields

ARC = "American Red Cross"
ASHI = "American Safety & Health Institute"
NSC = "National Safety Council"


def arc_front(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    red_cross(s, 10, 10, 18)
    s.text(34, 24, ARC, "Helvetica-Bold", 10, "#000000")
    s.line(10, 36, CARD_W - 10, 36, "#ed1b2e", 1.2)
    s.text(
        10, 52, d.course, "Helvetica-Bold", s.fit(d.course, "Helvetica-Bold", 10, 222), "#ed1b2e"
    )
    s.text(10, 72, d.holder, "Helvetica-Bold", s.fit(d.holder, "Helvetica-Bold", 9, 222))
    label_value(s, 10, 88, "Date Completed:", fmt_date(d.completed, "us"), 6.5)
    s.text(10, 98, "Valid for 2 years", "Helvetica", 6.5)
    label_value(s, 10, 108, "Certificate ID:", d.code, 6.5)
    mode = (
        "Blended Learning - in-person skills session"
        if d.hands_on
        else "Online only - no skills session"
    )
    s.text(10, 118, mode, "Helvetica-Oblique", 5.5)
    qr_block(s, 176, 76, 54, d.seed)
    s.text(10, 136, "Scan code or visit redcross.org/confirm", "Helvetica", 5.2, "#444444")
    return front_face(d, ARC)


def arc_back(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    s.text(10, 18, ARC, "Helvetica-Bold", 7.5)
    s.text(10, 28, "Training Services", "Helvetica", 6)
    rows = [
        ("Instructor:", d.instructor),
        ("Instructor ID:", d.instructor_id),
        ("Training Provider:", d.tc_name),
        ("Certificate ID:", d.code),
    ]
    top = 46.0
    for label, value in rows:
        label_value(s, 10, top, label, value, 6.2, gap=62)
        top += 11
    note = "Course included an in-person skills session." if d.hands_on else "Online-only course."
    s.text(10, top + 4, note, "Helvetica-Oblique", 6)
    s.text(10, 128, "Signature", "Helvetica", 5.5)
    s.line(40, 128, 160, 128, "#000000", 0.5)
    s.wrap(
        10,
        142,
        "This certificate is valid for 2 years from the date completed.",
        225,
        "Helvetica",
        5,
    )
    fields = Fields(provider_name=ARC, certificate_id=d.code)
    return Face(fields, False, False, not d.hands_on, True)


def ashi_front(s: Sheet, d: CardData) -> Face:
    card_outline(s, "#f4f8fb")
    s.rect(0.5, 0.5, 56, CARD_H - 1, stroke=None, fill="#004b87", radius=8)
    s.text(28, 40, "ASHI", "Helvetica-Bold", 13, "#ffffff", "center")
    s.text(28, 52, "an HSI brand", "Helvetica", 5, "#ffffff", "center")
    s.text(66, 18, ASHI, "Helvetica-Bold", 7)
    s.text(
        66, 38, d.course, "Helvetica-Bold", s.fit(d.course, "Helvetica-Bold", 10, 170), "#004b87"
    )
    label_value(s, 66, 58, "Participant:", d.holder, 6.5)
    label_value(s, 66, 72, "Completion Date:", fmt_date(d.completed, "us"), 6.2)
    label_value(s, 66, 84, "Expiration Date:", fmt_date(d.expiry, "us"), 6.2)
    label_value(s, 66, 96, "Registry #:", d.code, 6.2)
    skills = (
        "Skills verified in person by the instructor."
        if d.hands_on
        else "Online course - no skills session."
    )
    s.text(66, 112, skills, "Helvetica-Oblique", 5.8)
    return front_face(d, ASHI)


def ashi_back(s: Sheet, d: CardData) -> Face:
    card_outline(s, "#f4f8fb")
    rows = [
        ("Instructor:", d.instructor),
        ("Instructor Registry #:", d.instructor_id),
        ("Training Center:", d.tc_name),
        ("Training Center ID:", d.tc_id),
    ]
    top = 22.0
    for label, value in rows:
        label_value(s, 12, top, label, value, 6.2, gap=78)
        top += 12
    s.text(12, top + 12, "Participant Signature", "Helvetica", 5.8)
    s.line(80, top + 12, 220, top + 12, "#000000", 0.5)
    s.wrap(
        12,
        118,
        "Verify this certificate at otis.hsi.com/verify. This card does not "
        "guarantee ability to perform.",
        220,
        "Helvetica",
        5,
        leading=6,
    )
    return Face(Fields(certificate_id=None), False, False, False, False)


def nsc_front(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    s.rect(0.5, CARD_H - 26, CARD_W - 1, 25.5, stroke=None, fill="#00843d", radius=8)
    s.circle(22, 24, 12, "#00843d", None, 2.5)
    s.text(40, 22, NSC, "Helvetica-Bold", 8.5, "#00843d")
    s.text(40, 31, "Making Our World Safer", "Helvetica-Oblique", 5.5, "#444444")
    s.text(12, 54, d.course, "Helvetica-Bold", s.fit(d.course, "Helvetica-Bold", 9.5, 220))
    s.text(12, 70, d.holder, "Times-Bold", s.fit(d.holder, "Times-Bold", 10, 220))
    label_value(s, 12, 84, "Course Completion Date", fmt_date(d.completed, "us"), 6, gap=78)
    label_value(s, 12, 94, "Expiration Date", fmt_date(d.expiry, "us"), 6, gap=78)
    label_value(s, 12, 104, "Card ID", d.code, 6, gap=78)
    mode = (
        "Blended course: online learning + hands-on skills session"
        if d.hands_on
        else "Online course - no skills session"
    )
    s.text(12, 116, mode, "Helvetica-Oblique", 5.5)
    s.text(CARD_W / 2, CARD_H - 10, "nsc.org/verify", "Helvetica-Bold", 6.5, "#ffffff", "center")
    return front_face(d, NSC)


def nsc_back(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    s.text(12, 18, NSC, "Helvetica-Bold", 7, "#00843d")
    rows = [
        ("Instructor", d.instructor),
        ("Instructor ID", d.instructor_id),
        ("Training Center", d.tc_name),
        ("Training Center ID", d.tc_id),
        ("Card ID", d.code),
    ]
    top = 36.0
    for label, value in rows:
        label_value(s, 12, top, label, value, 6, gap=70)
        top += 11
    s.text(12, 120, "Cardholder Signature", "Helvetica", 5.5)
    s.line(72, 120, 220, 120, "#000000", 0.5)
    return Face(Fields(provider_name=NSC, certificate_id=d.code), False, False, False, False)


def online_front(s: Sheet, d: CardData) -> Face:
    """A web vendor's wallet card: no skills session, printed 'valid until'."""
    card_outline(s, "#fffaf0")
    s.rect(0.5, 0.5, CARD_W - 1, 24, stroke=None, fill="#ff8c00", radius=8)
    s.text(12, 16, d.issuer, "Helvetica-Bold", 9, "#ffffff")
    s.text(12, 44, d.course, "Helvetica-Bold", s.fit(d.course, "Helvetica-Bold", 10, 220))
    s.text(12, 62, d.holder, "Helvetica", s.fit(d.holder, "Helvetica", 9, 220))
    label_value(s, 12, 78, "Certified on:", fmt_date(d.completed, "long"), 6.3)
    label_value(s, 12, 89, "Valid until:", fmt_date(d.expiry, "long"), 6.3)
    label_value(s, 12, 100, "Certification #:", d.code, 6.3)
    s.text(12, 116, "Online course - no skills session", "Helvetica-Bold", 6, "#b22222")
    s.text(12, 128, "100% online. Instant wallet card. Nationally accepted*", "Helvetica", 5)
    s.text(12, 140, "*Acceptance varies by employer.", "Helvetica", 4.5, "#666666")
    return front_face(d, d.issuer, online=True)


def arc_certificate_page(s: Sheet, d: CardData) -> Face:
    """The Red Cross full-page digital certificate (landscape): everything on one side."""
    s.rect(24, 24, s.width - 48, s.height - 48, stroke="#cccccc", width=1)
    red_cross(s, 60, 60, 40)
    s.text(112, 92, ARC, "Helvetica-Bold", 24)
    s.text(396, 170, "Certificate of Completion", "Times-Roman", 30, "#333333", "center")
    s.text(396, 210, "This certificate acknowledges that", "Helvetica", 12, "#555555", "center")
    s.text(
        396,
        250,
        d.holder,
        "Times-Bold",
        s.fit(d.holder, "Times-Bold", 28, 560),
        "#000000",
        "center",
    )
    s.text(
        396,
        284,
        "has successfully completed the requirements for",
        "Helvetica",
        12,
        "#555555",
        "center",
    )
    s.text(396, 316, d.course, "Helvetica-Bold", 20, "#ed1b2e", "center")
    mode = "Blended Learning (online + in-person skills session)" if d.hands_on else "Online only"
    s.text(396, 338, mode, "Helvetica-Oblique", 11, "#555555", "center")
    rows = [
        ("Date Completed:", fmt_date(d.completed, "us")),
        ("Valid for:", "2 years"),
        ("Certificate ID:", d.code),
        ("Instructor:", d.instructor),
    ]
    top = 390.0
    for label, value in rows:
        label_value(s, 80, top, label, value, 11, gap=110)
        top += 18
    qr_block(s, 600, 380, 110, d.seed, modules=29)
    s.text(655, 512, "Scan to verify", "Helvetica", 9, "#555555", "center")
    s.wrap(
        80,
        540,
        "To verify this certificate, scan the QR code or visit redcross.org/confirm "
        "and enter the certificate ID.",
        480,
        "Helvetica",
        9,
        color="#555555",
    )
    return front_face(d, ARC)
