"""Certificate designs with unusual structure: sidebars, letters, dark pages, platforms."""

from __future__ import annotations

from samples.gen.dates import fmt_date
from samples.gen.draw import Rendered, Sheet
from samples.gen.model import CertData
from samples.gen.parts import (
    border_double,
    completion_text,
    credit_parts,
    logo_mark,
    seal,
    signature_block,
)


def two_column_sidebar(d: CertData) -> Rendered:
    """Landscape: coloured left panel with provider and approval period, details on the right."""
    s = Sheet(792, 612, "Certificate of Completion")
    s.rect(0, 0, 250, 612, stroke=None, fill="#14213d")
    logo_mark(s, 95, 70, 60, d.seed % 5, "#fca311", "#e5e5e5")
    top = s.wrap(125, 180, d.provider, 200, "DejaVuSans-Bold", 16, align="center", color="#ffffff")
    if d.provider_number:
        top = s.wrap(
            125, top + 6, d.provider_number, 200, "DejaVuSans", 9, align="center", color="#e5e5e5"
        )
    if d.approval_note:
        s.wrap(
            125, top + 14, d.approval_note, 190, "DejaVuSans", 8, align="center", color="#fca311"
        )
    s.text(290, 110, "Certificate of Completion", "DejaVuSerif-Bold", 30, "#14213d")
    s.text(290, 160, "Awarded to", "DejaVuSans", 11, "#777777")
    s.text(290, 196, d.holder, "Script", s.fit(d.holder, "Script", 34, 460), "#14213d")
    s.line(290, 206, 740, 206, "#fca311", 1.2)
    s.text(290, 240, "Course", "DejaVuSans", 11, "#777777")
    top = s.wrap(290, 262, d.course, 450, "DejaVuSans-Bold", 15, color="#14213d")
    if d.code:
        s.text(290, top, f"Course No. {d.code}", "DejaVuSans", 10, "#555555")
        top += 16
    s.text(290, top + 20, "Completed", "DejaVuSans", 11, "#777777")
    s.text(290, top + 40, completion_text(d), "DejaVuSans", 13, "#111111")
    s.text(520, top + 20, "Credits", "DejaVuSans", 11, "#777777")
    credit_top = top + 40
    for part in credit_parts(d):
        s.text(520, credit_top, part, "DejaVuSans", 11, "#111111")
        credit_top += 15
    if d.cert_id:
        s.text(
            290,
            max(credit_top, top + 60) + 20,
            f"Certificate ID: {d.cert_id}",
            "DejaVuSansMono",
            9,
            "#555555",
        )
    for i, (name, title) in enumerate(d.signers[:2]):
        signature_block(s, 290 + i * 230, 540, 200, name, title, d.seed + i)
    return s.finish()


def workshop_range(d: CertData) -> Rendered:
    """Live workshop over a date range; location line; hours and CEUs both printed."""
    s = Sheet(792, 612, "Workshop Certificate")
    border_double(s, "#2d6a4f", inset=16)
    s.text(396, 80, d.provider, "Helvetica-Bold", 20, "#2d6a4f", "center")
    s.text(396, 98, "LIVE WORKSHOP SERIES", "Helvetica", 9, "#52b788", "center", spacing=3)
    s.text(396, 160, "Certificate of Participation", "Times-BoldItalic", 32, "#1b4332", "center")
    s.text(396, 200, "We gratefully acknowledge that", "Times-Roman", 13, "#333333", "center")
    s.text(
        396,
        240,
        d.holder,
        "Times-Bold",
        s.fit(d.holder, "Times-Bold", 30, 540),
        "#111111",
        "center",
    )
    s.text(
        396,
        274,
        "attended and completed the live, in-person workshop",
        "Times-Roman",
        13,
        "#333333",
        "center",
    )
    s.text(
        396,
        304,
        d.course,
        "Times-BoldItalic",
        s.fit(d.course, "Times-BoldItalic", 20, 640),
        "#1b4332",
        "center",
    )
    s.text(
        396,
        332,
        f"held {completion_text(d)} at our Denver, CO training center",
        "Times-Roman",
        12,
        "#333333",
        "center",
    )
    s.text(396, 360, " - ".join(credit_parts(d)), "Times-Bold", 13, "#111111", "center")
    top = 380.0
    if d.code:
        s.text(396, top, f"Event code {d.code}", "Times-Roman", 10, "#555555", "center")
        top += 16
    if d.cert_id:
        s.text(396, top, f"Certificate {d.cert_id}", "Times-Roman", 10, "#555555", "center")
    for i, (name, title) in enumerate(d.signers[:2]):
        signature_block(s, 110 + i * 392, 500, 180, name, title, d.seed + i)
    if d.issued:
        s.text(
            396,
            575,
            f"Certificate mailed {fmt_date(d.issued, 'abbr')}",
            "Helvetica",
            7,
            "#777777",
            "center",
        )
    return s.finish()


def online_platform(d: CertData) -> Rendered:
    """An e-learning platform's certificate: score, verification URL, 'valid through'."""
    s = Sheet(792, 612, "Course Certificate")
    s.rect(0, 0, 792, 60, stroke=None, fill="#f3f4f6")
    s.text(40, 38, "LearnFit Online", "DejaVuSans-Bold", 16, "#4f46e5")
    s.text(752, 38, "Verified Certificate", "DejaVuSans", 11, "#6b7280", "right")
    s.text(60, 140, "COURSE CERTIFICATE", "DejaVuSans", 11, "#6b7280", spacing=2)
    if d.issued:
        s.text(732, 140, fmt_date(d.issued, "abbr"), "DejaVuSans", 11, "#6b7280", "right")
    s.text(
        60, 200, d.holder, "DejaVuSans-Bold", s.fit(d.holder, "DejaVuSans-Bold", 30, 640), "#111827"
    )
    s.text(60, 232, "has successfully completed", "DejaVuSans", 12, "#6b7280")
    top = s.wrap(60, 268, d.course, 640, "DejaVuSerif-Bold", 22, color="#111827")
    note = f"an online course authorized by {d.provider}, offered through LearnFit Online"
    s.text(60, top + 4, note, "DejaVuSans", s.fit(note, "DejaVuSans", 10.5, 680), "#6b7280")
    rows = [f"Completed: {completion_text(d)}", "Final assessment score: 92%"]
    rows.extend(f"Credit: {p}" for p in credit_parts(d))
    if d.code:
        rows.append(f"Course ID: {d.code}")
    top += 44
    for row in rows:
        s.text(60, top, row, "DejaVuSans", 11, "#111827")
        top += 17
    if d.cert_id:
        s.text(
            60,
            540,
            f"Verify at learnfit.example/verify/{d.cert_id}",
            "DejaVuSansMono",
            9,
            "#4f46e5",
        )
        s.text(60, 556, f"Certificate ID: {d.cert_id}", "DejaVuSansMono", 9, "#4f46e5")
    s.text(
        60,
        574,
        "Verification link valid through "
        f"{fmt_date(d.completed.replace(year=d.completed.year + 3), 'long')}",
        "DejaVuSans",
        8,
        "#9ca3af",
    )
    if d.signers:
        name, title = d.signers[0]
        signature_block(s, 520, 470, 200, name, title, d.seed)
    return s.finish()


def letterhead_attendance(d: CertData) -> Rendered:
    """A letter on letterhead: dated later than the course, credits buried in a paragraph."""
    s = Sheet(612, 792, "Letter of Attendance")
    logo_mark(s, 54, 44, 40, (d.seed + 3) % 5, "#6d597a", "#e56b6f")
    s.text(104, 62, d.provider, "Times-Bold", 15, "#6d597a")
    s.text(
        104,
        78,
        "1200 Harbor Boulevard, Suite 300, Portland, OR 97209 | (503) 555-0142",
        "Times-Roman",
        8.5,
        "#555555",
    )
    s.line(54, 92, 558, 92, "#6d597a", 0.8)
    s.text(
        558, 130, fmt_date(d.issued or d.completed, "long"), "Times-Roman", 11, "#111111", "right"
    )
    s.text(54, 170, "CERTIFICATE OF ATTENDANCE", "Times-Bold", 14, "#111111")
    s.text(54, 200, "To whom it may concern:", "Times-Roman", 11)
    credits = " and ".join(credit_parts(d))
    body = (
        f"This letter confirms that {d.holder} attended and completed {d.course}"
        f"{f' (course {d.code})' if d.code else ''}, concluding on {completion_text(d)}. "
        f"Upon completion of all course requirements the participant earned {credits}."
    )
    top = s.wrap(54, 226, body, 504, "Times-Roman", 11.5, leading=16)
    if d.cert_id:
        top = s.wrap(
            54,
            top + 8,
            f"Please reference certificate number {d.cert_id} in any correspondence.",
            504,
            "Times-Roman",
            11.5,
        )
    top = s.wrap(
        54,
        top + 8,
        "Thank you for your commitment to professional development.",
        504,
        "Times-Roman",
        11.5,
    )
    s.text(54, top + 24, "Sincerely,", "Times-Roman", 11.5)
    if d.signers:
        name, title = d.signers[0]
        s.signature(54, top + 70, 180, d.seed)
        s.text(54, top + 88, name, "Times-Roman", 11.5)
        s.text(54, top + 104, title, "Times-Italic", 10.5)
    if d.provider_number:
        s.text(306, 750, d.provider_number, "Times-Roman", 8, "#777777", "center")
    return s.finish()


def dark_theme(d: CertData) -> Rendered:
    """Light text on a dark page (inverted contrast), gold accents."""
    s = Sheet(792, 612, "Certificate")
    s.rect(0, 0, 792, 612, stroke=None, fill="#101820")
    s.rect(24, 24, 744, 564, stroke="#f2aa4c", width=1.5)
    s.text(396, 96, d.provider.upper(), "DejaVuSans-Bold", 14, "#f2aa4c", "center", spacing=2)
    s.text(396, 160, "CERTIFICATE", "DejaVuSerif-Bold", 40, "#ffffff", "center", spacing=4)
    s.text(396, 186, "OF COMPLETION", "DejaVuSans", 12, "#f2aa4c", "center", spacing=4)
    s.text(
        396,
        246,
        d.holder,
        "DejaVuSerif-Italic",
        s.fit(d.holder, "DejaVuSerif-Italic", 32, 600),
        "#ffffff",
        "center",
    )
    s.text(396, 282, "has completed", "DejaVuSans", 12, "#cccccc", "center")
    s.text(
        396,
        312,
        d.course,
        "DejaVuSans-Bold",
        s.fit(d.course, "DejaVuSans-Bold", 18, 640),
        "#ffffff",
        "center",
    )
    s.text(396, 344, "  |  ".join(credit_parts(d)), "DejaVuSans", 12, "#f2aa4c", "center")
    s.text(396, 368, completion_text(d), "DejaVuSans", 12, "#ffffff", "center")
    if d.code or d.cert_id:
        bits = [f"Course {d.code}" if d.code else "", f"No. {d.cert_id}" if d.cert_id else ""]
        s.text(396, 390, "   ".join(b for b in bits if b), "DejaVuSansMono", 9, "#aaaaaa", "center")
    for i, (name, title) in enumerate(d.signers[:2]):
        x = 120 + i * 372
        s.signature(x, 510, 180, d.seed + i, "#f2aa4c")
        s.line(x, 510, x + 180, 510, "#f2aa4c", 0.7)
        s.text(x + 90, 524, name, "DejaVuSans", 9, "#ffffff", "center")
        s.text(x + 90, 537, title, "DejaVuSans", 8, "#cccccc", "center")
    return s.finish()


def accreditation_footer(d: CertData) -> Rendered:
    """Portrait with a seal, provider accreditation block and its expiry in the footer."""
    s = Sheet(612, 792, "Certificate of Completion")
    s.rect(30, 30, 552, 732, stroke="#264653", width=2)
    seal(s, 306, 120, 50, "ACCREDITED PROVIDER * QUALITY *", "CE", "#2a9d8f")
    s.text(
        306,
        220,
        d.provider,
        "Times-Bold",
        s.fit(d.provider, "Times-Bold", 20, 500),
        "#264653",
        "center",
    )
    s.text(306, 270, "CERTIFICATE OF COMPLETION", "Times-Roman", 18, "#264653", "center", spacing=1)
    s.text(306, 310, "is presented to", "Times-Italic", 12, "#555555", "center")
    s.text(
        306,
        350,
        d.holder,
        "Vera-BoldItalic",
        s.fit(d.holder, "Vera-BoldItalic", 26, 460),
        "#111111",
        "center",
    )
    s.text(306, 384, "who completed", "Times-Italic", 12, "#555555", "center")
    top = s.wrap(306, 414, d.course, 460, "Times-Bold", 17, align="center", color="#264653")
    s.text(306, top + 8, f"on {completion_text(d)}", "Times-Roman", 12, "#111111", "center")
    top += 34
    for part in credit_parts(d):
        s.text(306, top, f"Approved for {part}", "Times-Roman", 12, "#111111", "center")
        top += 17
    if d.code:
        s.text(
            306, top + 6, f"Course Approval Code: {d.code}", "Times-Roman", 10, "#555555", "center"
        )
    if d.cert_id:
        s.text(306, top + 22, d.cert_id, "Courier", 10, "#555555", "center")
    if d.signers:
        name, title = d.signers[0]
        signature_block(s, 206, 650, 200, name, title, d.seed)
    foot = d.approval_note or f"Provider accreditation expires 12/31/{d.completed.year + 1}"
    s.text(306, 735, foot, "Helvetica", 7, "#777777", "center")
    if d.provider_number:
        s.text(306, 746, d.provider_number, "Helvetica", 7, "#777777", "center")
    return s.finish()
