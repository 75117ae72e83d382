"""Documents that mention fitness, CPR or credits but are neither certificates nor cards
(kind `other`: papers that prove nothing).
"""

from __future__ import annotations

from samples.gen.draw import Rendered, Sheet
from samples.gen.model import DocTruth, Fields


def _truth(key: str, design: str) -> DocTruth:
    return DocTruth(key, design, "other", None, Fields(), None, None, ())


def invoice(key: str) -> tuple[Rendered, DocTruth]:
    """A receipt for a course registration and gear: it names a course and a price."""
    s = Sheet(612, 792, "Invoice")
    s.text(54, 70, "Peak Fitness Supply Co.", "Helvetica-Bold", 18, "#1d3557")
    s.text(54, 88, "4410 Commerce Way, Austin, TX 78701", "Helvetica", 9, "#555555")
    s.text(558, 70, "INVOICE", "Helvetica-Bold", 22, "#e63946", "right")
    rows = [("Invoice #", "INV-2026-04471"), ("Date", "April 14, 2026"), ("Due", "May 14, 2026")]
    top = 130.0
    for label, value in rows:
        s.text(380, top, f"{label}:", "Helvetica-Bold", 10)
        s.text(450, top, value, "Helvetica", 10, join=True)
        top += 15
    s.text(54, 130, "Bill to:", "Helvetica-Bold", 10)
    s.text(54, 145, "Jordan Ellis", "Helvetica", 10)
    s.text(54, 160, "Ellis Personal Training LLC", "Helvetica", 10)
    heads = [("Item", 54), ("Qty", 370), ("Unit", 420), ("Amount", 500)]
    for i, (head, x) in enumerate(heads):
        s.text(x, 220, head, "Helvetica-Bold", 10, join=i > 0)
    s.line(54, 226, 558, 226, "#1d3557", 1)
    items = [
        ("Registration: Kettlebell Foundations workshop (8 hours)", "1", "$189.00", "$189.00"),
        ("Resistance band set, heavy", "2", "$24.50", "$49.00"),
        ("CPR pocket mask with one-way valve", "3", "$9.95", "$29.85"),
        ("Foam roller 36 in", "1", "$32.00", "$32.00"),
    ]
    top = 244.0
    for item in items:
        for i, (value, (_head, x)) in enumerate(zip(item, heads, strict=True)):
            s.text(x, top, value, "Helvetica", 9.5, join=i > 0)
        top += 18
    s.line(54, top, 558, top, "#999999", 0.5)
    for label, value in (
        ("Subtotal", "$299.85"),
        ("Sales tax 8.25%", "$24.74"),
        ("Total", "$324.59"),
    ):
        top += 18
        s.text(420, top, label, "Helvetica-Bold", 10)
        s.text(558, top, value, "Helvetica", 10, align="right", join=True)
    s.wrap(
        54,
        520,
        "Paid by card ending 4417. Workshop seats are non-refundable within 7 days "
        "of the event. A certificate of completion is issued by the workshop provider, not "
        "by Peak Fitness Supply.",
        504,
        "Helvetica",
        9,
    )
    s.text(306, 740, "Thank you for your business!", "Helvetica-Oblique", 10, "#555555", "center")
    return s.finish(), _truth(key, "invoice")


def letter(key: str) -> tuple[Rendered, DocTruth]:
    """A gym's letter to staff about CPR renewals and CEU deadlines."""
    s = Sheet(612, 792, "Staff letter")
    s.text(54, 70, "Riverside Athletic Club", "Times-Bold", 18)
    s.text(54, 86, "Human Resources", "Times-Italic", 11)
    s.text(558, 120, "September 2, 2026", "Times-Roman", 11, align="right")
    s.text(54, 160, "Dear Training Staff,", "Times-Roman", 11.5)
    paragraphs = [
        "As a reminder, every personal trainer on our floor must hold a current adult CPR "
        "and AED certification with a hands-on skills session. Online-only cards are not "
        "accepted. Please bring your card to the front desk by October 15, 2026.",
        "We will host an on-site Heartsaver CPR AED class on October 3, 2026 from 9:00 am "
        "to 1:00 pm in Studio B. Seats are limited to twelve participants.",
        "Trainers renewing their NASM-CPT this year should also keep copies of their CEU "
        "certificates; the club reimburses up to 2.0 CEUs per year with receipts.",
    ]
    top = 188.0
    for para in paragraphs:
        top = s.wrap(54, top, para, 504, "Times-Roman", 11.5, leading=16) + 10
    s.text(54, top + 20, "Best regards,", "Times-Roman", 11.5)
    s.text(54, top + 60, "Dana Whitaker", "Times-Roman", 11.5)
    s.text(54, top + 76, "HR Manager", "Times-Italic", 10.5)
    return s.finish(), _truth(key, "letter")


def class_schedule(key: str) -> tuple[Rendered, DocTruth]:
    """A landscape weekly group-class timetable."""
    s = Sheet(792, 612, "Class schedule")
    s.rect(0, 0, 792, 70, stroke=None, fill="#2a9d8f")
    s.text(40, 44, "FLEX STUDIO - WEEKLY CLASS SCHEDULE", "Helvetica-Bold", 20, "#ffffff")
    s.text(752, 44, "Valid June 1 - June 30, 2026", "Helvetica", 11, "#ffffff", "right")
    days = ["Time", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    col = 712 / len(days)
    for i, day in enumerate(days):
        s.text(40 + i * col + 4, 100, day, "Helvetica-Bold", 10, join=i > 0)
    s.line(40, 106, 752, 106, "#264653", 1)
    slots = [
        ("6:00 am", "HIIT 45", "Spin", "HIIT 45", "Spin", "Bootcamp", "Yoga Flow"),
        ("9:00 am", "Pilates Mat", "Barre", "Pilates Mat", "Barre", "Mobility", "Kettlebell"),
        ("12:00 pm", "Core 30", "Strength", "Core 30", "Strength", "Core 30", "-"),
        ("5:30 pm", "Boxing", "Yoga", "Kettlebell", "Yoga", "Spin", "-"),
        ("7:00 pm", "Stretch", "Bootcamp", "Stretch", "HIIT 45", "-", "-"),
    ]
    top = 134.0
    for row in slots:
        for i, value in enumerate(row):
            s.text(40 + i * col + 4, top, value, "Helvetica", 10, join=i > 0)
        top += 40
    s.wrap(
        40,
        380,
        "All instructors hold current CPR/AED certification. Kettlebell classes are "
        "taught by certified coaches. Members earn no CEUs for attending classes.",
        700,
        "Helvetica",
        10,
    )
    s.text(
        40,
        560,
        "Questions? Call (312) 555-0175 or ask at the front desk.",
        "Helvetica",
        9,
        "#555555",
    )
    return s.finish(), _truth(key, "class_schedule")
