"""Certificate designs built from labelled fields: label/value, tables, form boxes."""

from __future__ import annotations

from samples.gen.dates import fmt_ceu, fmt_date, fmt_num
from samples.gen.draw import Rendered, Sheet
from samples.gen.model import CertData
from samples.gen.parts import completion_text, credit_parts, logo_mark, signature_block


def _credit_rows(d: CertData, hours_label: str = "Contact Hours:") -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if d.hours is not None:
        rows.append((hours_label, fmt_num(d.hours)))
    if d.nasm_ceus is not None:
        rows.append(("NASM CEUs:" if d.other_credits else "CEUs:", fmt_ceu(d.nasm_ceus)))
    if d.other_credits:
        rows.append(("Other Credits:", ", ".join(d.other_credits)))
    return rows


def label_block(d: CertData) -> Rendered:
    """Portrait letterhead with a column of 'Label:' / value rows."""
    s = Sheet(612, 792, "Certificate of Completion")
    logo_mark(s, 54, 50, 48, d.seed % 5, "#274060", "#e07a5f")
    s.text(116, 74, d.provider, "Helvetica-Bold", 17, "#274060")
    if d.provider_number:
        s.text(116, 90, d.provider_number, "Helvetica", 9, "#555555")
    s.line(54, 110, 558, 110, "#e07a5f", 2)
    s.text(306, 170, "Certificate of Completion", "Times-Bold", 28, "#274060", "center")
    rows = [("Participant:", d.holder), ("Course Title:", d.course)]
    if d.code:
        rows.append(("Course Code:", d.code))
    rows.append(("Date of Completion:", completion_text(d)))
    rows.extend(_credit_rows(d))
    if d.cert_id:
        rows.append(("Certificate #", d.cert_id))
    top = 240.0
    for label, value in rows:
        s.text(90, top, label, "Helvetica-Bold", 12, "#274060")
        s.text(250, top, value, "Helvetica", s.fit(value, "Helvetica", 12, 300), join=True)
        top += 28
    if d.signers:
        name, title = d.signers[0]
        signature_block(s, 90, 600, 200, name, title, d.seed)
    if d.issued:
        s.text(
            522, 600, f"Date Issued: {fmt_date(d.issued, 'us')}", "Helvetica", 9, "#555555", "right"
        )
    if d.approval_note:
        s.wrap(306, 700, d.approval_note, 460, "Helvetica", 7.5, align="center", color="#777777")
    return s.finish()


def table_grid(d: CertData) -> Rendered:
    """Portrait with the course in a ruled table: Course | Code | Completed | Hours | CEUs."""
    s = Sheet(612, 792, "Record of Completion")
    s.rect(0, 0, 612, 14, stroke=None, fill="#3d5a80")
    s.text(54, 70, d.provider, "DejaVuSans-Bold", 16, "#3d5a80")
    s.text(54, 88, "Continuing Education Department", "DejaVuSans", 9, "#666666")
    s.text(306, 150, "RECORD OF COMPLETION", "DejaVuSans-Bold", 22, "#222222", "center")
    s.text(306, 190, "This document confirms that", "DejaVuSans", 11, "#444444", "center")
    s.text(
        306,
        222,
        d.holder,
        "DejaVuSerif-BoldItalic",
        s.fit(d.holder, "DejaVuSerif-BoldItalic", 24, 460),
        "#111111",
        "center",
    )
    s.text(306, 248, "has completed the following course:", "DejaVuSans", 11, "#444444", "center")
    cols = [
        ("Course", 54, 220),
        ("Code", 274, 70),
        ("Completed", 344, 92),
        ("Hours", 436, 56),
        ("CEUs", 492, 66),
    ]
    s.rect(54, 280, 504, 22, stroke="#3d5a80", fill="#3d5a80")
    for i, (head, x, _w) in enumerate(cols):
        s.text(x + 5, 295, head, "DejaVuSans-Bold", 9, "#ffffff", join=i > 0)
    s.rect(54, 302, 504, 48, stroke="#3d5a80", width=0.8)
    for _head, x, _w in cols[1:]:
        s.line(x, 280, x, 350, "#3d5a80", 0.8)
    s.wrap(59, 318, d.course, 210, "DejaVuSans", 9, leading=11)
    values = [
        d.code or "-",
        completion_text(d),
        fmt_num(d.hours) if d.hours is not None else "-",
        fmt_ceu(d.nasm_ceus) if d.nasm_ceus is not None else "-",
    ]
    for (_head, x, _w), value in zip(cols[1:], values, strict=True):
        s.text(x + 5, 318, value, "DejaVuSans", 9, "#111111", join=True)
    top = 380.0
    if d.other_credits:
        s.text(
            54, top, f"Also approved for: {', '.join(d.other_credits)}", "DejaVuSans", 9, "#444444"
        )
        top += 16
    if d.cert_id:
        s.text(54, top, f"Certificate Number: {d.cert_id}", "DejaVuSansMono", 9, "#222222")
    for i, (name, title) in enumerate(d.signers[:2]):
        signature_block(s, 70 + i * 280, 560, 190, name, title, d.seed + i)
    if d.issued:
        s.text(54, 740, f"Printed on {fmt_date(d.issued, 'long')}", "DejaVuSans", 7, "#777777")
    return s.finish()


def stacked_boxes(d: CertData) -> Rendered:
    """A4 form: each field in its own ruled box with a small caption above the value."""
    s = Sheet(595, 842, "Attendance Form")
    s.rect(36, 36, 523, 60, stroke="#000000", width=1.2)
    s.text(48, 62, d.provider.upper(), "Helvetica-Bold", 14)
    s.text(48, 82, "CERTIFICATE OF ATTENDANCE / CONTINUING EDUCATION", "Helvetica", 9)
    boxes = [("NAME OF PARTICIPANT", d.holder), ("TITLE OF PROGRAM", d.course)]
    if d.code:
        boxes.append(("PROGRAM NUMBER", d.code))
    boxes.append(("DATE(S) ATTENDED", completion_text(d)))
    boxes.append(("CREDIT AWARDED", "; ".join(credit_parts(d))))
    if d.cert_id:
        boxes.append(("SERIAL NUMBER", d.cert_id))
    top = 120.0
    for caption, value in boxes:
        s.rect(36, top, 523, 48, stroke="#000000", width=0.8)
        s.text(44, top + 12, caption, "Helvetica", 7)
        size = s.fit(value, "Courier-Bold", 13, 500)
        s.text(44, top + 36, value, "Courier-Bold", size)
        top += 56
    s.wrap(
        36,
        top + 20,
        "I certify that the above-named participant attended the program "
        "listed and completed all requirements for the credit shown.",
        523,
        "Helvetica",
        9,
    )
    for i, (name, title) in enumerate(d.signers[:2]):
        signature_block(s, 50 + i * 270, top + 120, 220, name, title, d.seed + i)
    if d.issued:
        s.text(36, 800, f"Form CE-7 rev. {fmt_date(d.issued, 'dmon')}", "Helvetica", 6.5)
    return s.finish()


def transcript_two_page(d: CertData) -> Rendered:
    """Transcript-style page 1 plus a terms page 2 full of distractor dates."""
    s = Sheet(612, 792, "Continuing Education Transcript")
    s.text(54, 64, d.provider, "Times-Bold", 18, "#003049")
    s.text(54, 82, "Continuing Education Transcript", "Times-Italic", 12, "#555555")
    if d.issued:
        s.text(558, 64, f"Printed: {fmt_date(d.issued, 'us')}", "Helvetica", 9, "#555555", "right")
    s.rect(54, 104, 504, 62, stroke="#003049", fill="#f1f5f9", width=0.8)
    s.text(66, 124, "Attendee:", "Helvetica-Bold", 11, "#003049")
    s.text(140, 124, d.holder, "Helvetica", 11, join=True)
    if d.cert_id:
        s.text(66, 144, "Transcript ID:", "Helvetica-Bold", 11, "#003049")
        s.text(160, 144, d.cert_id, "Courier", 11, join=True)
    heads = ["Completed", "Course", "Code", "Credits"]
    xs = [60, 150, 370, 440]
    for i, (head, x) in enumerate(zip(heads, xs, strict=True)):
        s.text(x, 200, head, "Helvetica-Bold", 10, "#003049", join=i > 0)
    s.line(54, 206, 558, 206, "#003049", 1)
    s.text(xs[0], 224, completion_text(d), "Helvetica", 9.5)
    s.text(xs[1], 224, d.course, "Helvetica", s.fit(d.course, "Helvetica", 9.5, 214), join=True)
    s.text(xs[2], 224, d.code or "-", "Helvetica", 9.5, join=True)
    s.text(
        xs[3],
        224,
        " / ".join(credit_parts(d)),
        "Helvetica",
        s.fit(" / ".join(credit_parts(d)), "Helvetica", 9.5, 118),
        join=True,
    )
    s.line(54, 232, 558, 232, "#999999", 0.5)
    s.text(60, 270, "Total credits this transcript: " + credit_parts(d)[0], "Helvetica-Bold", 10)
    if d.signers:
        name, title = d.signers[0]
        signature_block(s, 54, 400, 200, name, title, d.seed)
    s.text(306, 760, "Page 1 of 2", "Helvetica", 8, "#777777", "center")
    s.new_page()
    _terms_page(s, d)
    return s.finish()


def _terms_page(s: Sheet, d: CertData) -> None:
    s.text(54, 64, "Terms and Verification", "Times-Bold", 14)
    year = d.completed.year
    paragraphs = [
        f"{d.provider} is an approved continuing education provider for the period "
        f"January 1, {year} through December 31, {year + 1}. Approval of the provider "
        "does not imply endorsement of any product.",
        "This transcript remains available for verification until "
        f"{fmt_date(d.completed.replace(year=year + 5), 'long')}. "
        "Requests received after that date cannot be honoured.",
        f"Policy revised {fmt_date(d.completed.replace(year=year - 1, day=1), 'us')}. Credits are "
        "reported to certifying agencies within 30 days of course completion.",
        "Refunds are not available once the final assessment has been attempted.",
    ]
    top = 96.0
    for para in paragraphs:
        top = s.wrap(54, top, para, 504, "Times-Roman", 10.5) + 8
    s.text(306, 760, "Page 2 of 2", "Helvetica", 8, "#777777", "center")


def modern_minimal(d: CertData) -> Rendered:
    """Portrait, left aligned, labels set ABOVE values in a bottom row."""
    s = Sheet(612, 792, "Certificate")
    s.rect(0, 0, 16, 792, stroke=None, fill="#ff6b35")
    s.text(64, 110, "CERTIFICATE", "Helvetica", 12, "#ff6b35", spacing=6)
    s.text(64, 134, "of completion", "Helvetica", 12, "#999999")
    size = s.fit(d.holder, "Helvetica-Bold", 38, 490)
    s.text(64, 250, d.holder, "Helvetica-Bold", size, "#1b1b1b")
    s.text(64, 290, "for completing", "Helvetica", 12, "#777777")
    top = s.wrap(64, 322, d.course, 480, "Helvetica-Bold", 20, color="#1b1b1b")
    s.text(64, top + 6, d.provider, "Helvetica", 12, "#555555")
    cells = [("DATE", completion_text(d)), ("CREDITS", credit_parts(d)[0])]
    if d.cert_id:
        cells.append(("ID", d.cert_id))
    for i, (label, _value) in enumerate(cells):
        s.text(64 + i * 170, 600, label, "Helvetica-Bold", 8, "#ff6b35", join=i > 0, spacing=2)
    for i, (_label, value) in enumerate(cells):
        s.text(64 + i * 170, 618, value, "Helvetica", 11, "#1b1b1b", join=i > 0)
    for extra in credit_parts(d)[1:]:
        s.text(234, 636, extra, "Helvetica", 9, "#555555")
    if d.code:
        s.text(64, 660, f"Course code {d.code}", "Helvetica", 9, "#777777")
    if d.signers:
        name, title = d.signers[0]
        s.text(64, 720, f"{name}, {title}", "Helvetica-Oblique", 9, "#555555")
    return s.finish()
