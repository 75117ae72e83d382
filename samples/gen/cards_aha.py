"""American Heart Association style card faces (BLS Provider, Heartsaver CPR AED)."""

from __future__ import annotations

import datetime as dt

from samples.gen.cardparts import CARD_H, CARD_W, Face, card_outline, heart, label_value, qr_block
from samples.gen.dates import fmt_date
from samples.gen.draw import Sheet
from samples.gen.model import CardData, Fields

AHA = "American Heart Association"


def _program(d: CardData) -> str:
    if d.course.startswith("BLS"):
        return "Basic Life Support (CPR and AED) Program"
    return f"{d.course} Program"


def aha_front(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    s.rect(0.5, 0.5, CARD_W - 1, 30, stroke=None, fill="#c8102e", radius=8)
    s.rect(0.5, 20, CARD_W - 1, 11, stroke=None, fill="#c8102e")
    heart(s, 10, 7, 16, "#ffffff")
    s.text(32, 14, AHA, "Helvetica-Bold", 7, "#ffffff")
    s.text(32, 23, "life is why", "Helvetica-Oblique", 5.5, "#ffffff")
    s.text(
        12, 50, d.course, "Helvetica-Bold", s.fit(d.course, "Helvetica-Bold", 13, 220), "#c8102e"
    )
    s.text(12, 68, d.holder, "Helvetica-Bold", s.fit(d.holder, "Helvetica-Bold", 9, 220), "#000000")
    if d.online_only:
        statement = (
            "has completed the online cognitive portion (Part 1 online only) of the "
            f"{AHA} {_program(d)}. Skills session not completed."
        )
    else:
        statement = (
            "has successfully completed the cognitive and skills evaluations in accordance "
            f"with the curriculum of the {AHA} {_program(d)}."
        )
    top = s.wrap(12, 80, statement, 219, "Helvetica", 5.2, leading=6.4)
    issue = fmt_date(d.completed, "month_year" if d.month_only_issue else "us")
    label_value(s, 12, top + 8, "Issue Date", issue, 6.2, gap=44)
    label_value(
        s, 12, top + 17, "Recommended Renewal Date", fmt_date(d.expiry, "month_year"), 6.2, gap=92
    )
    fields = Fields(
        holder_name=d.holder,
        provider_name=AHA,
        course_title=d.course,
        completion_date=d.completed,
        expiry_date=d.expiry,
    )
    return Face(
        fields, shows_dates=True, shows_course=True, states_online=d.online_only, states_skills=True
    )


def aha_back(s: Sheet, d: CardData) -> Face:
    card_outline(s)
    rows = [
        ("Training Center Name", d.tc_name),
        ("TC ID #", d.tc_id),
        ("TC Info", "Springfield, IL (217) 555-0190"),
        ("Course Location", d.location or d.tc_name),
        ("Instructor Name", d.instructor),
        ("Instructor ID #", d.instructor_id),
        ("eCard Code", d.code),
    ]
    top = 16.0
    for label, value in rows:
        label_value(s, 10, top, label, value, 5.8, gap=70)
        top += 9.5
    s.text(10, top + 12, "Holder's Signature", "Helvetica", 5.5, "#222222")
    s.line(62, top + 12, 150, top + 12, "#222222", 0.5)
    qr_block(s, 186, 88, 46, d.seed)
    s.wrap(
        10,
        126,
        "To view or verify authenticity, students and employers should scan this "
        "QR code or go to heart.org/cpr/mycards.",
        165,
        "Helvetica",
        5,
        leading=6,
    )
    fields = Fields(certificate_id=d.code)
    return Face(
        fields, shows_dates=False, shows_course=False, states_online=False, states_skills=False
    )


def aha_ecard_page(s: Sheet, d: CardData) -> tuple[Face, Face]:
    """A full-page eCard printout: instructions, then both faces enlarged 1.6x."""
    heart(s, 54, 50, 26)
    s.text(90, 68, AHA, "Helvetica-Bold", 16, "#c8102e")
    s.text(54, 110, "Your eCard", "Helvetica-Bold", 14)
    s.wrap(
        54,
        130,
        "Print this page, cut out the card and fold along the line. Keep it with you. "
        "Your employer can verify this card with the eCard code below.",
        500,
        "Helvetica",
        9,
    )
    with s.region(111, 170, 1.6, CARD_H):
        front = aha_front(s, d)
    with s.region(111, 430, 1.6, CARD_H):
        back = aha_back(s, d)
    s.text(
        306,
        740,
        f"Page generated {fmt_date(d.completed + dt.timedelta(days=200), 'long')}",
        "Helvetica",
        7,
        "#888888",
        "center",
    )
    return front, back
