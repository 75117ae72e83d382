"""Certificate designs with a formal, centred composition (prose statements)."""

from __future__ import annotations

from samples.gen.dates import fmt_ceu, fmt_date, fmt_num
from samples.gen.draw import Rendered, Sheet
from samples.gen.model import CertData
from samples.gen.parts import (
    border_double,
    border_guilloche,
    completion_text,
    corner_brackets,
    credit_parts,
    logo_mark,
    seal,
    signature_block,
)


def _signers(s: Sheet, d: CertData, top: float, left: float, right: float, w: float) -> None:
    for i, (name, title) in enumerate(d.signers[:2]):
        signature_block(s, left if i == 0 else right, top, w, name, title, d.seed + i)


def prose_classic(d: CertData) -> Rendered:
    """Landscape, double border, script title, 'This certifies that ...' prose, seal."""
    s = Sheet(792, 612, "Certificate of Completion")
    border_double(s, "#1f3a5f")
    logo_mark(s, 372, 52, 40, d.seed % 5, "#1f3a5f", "#c9a227")
    s.text(396, 116, d.provider.upper(), "Times-Bold", 15, "#1f3a5f", "center", spacing=1.2)
    s.text(396, 168, "Certificate of Completion", "Script", 40, "#8a6d1d", "center")
    s.text(396, 204, "This certifies that", "Times-Italic", 14, "#333333", "center")
    size = s.fit(d.holder, "DejaVuSerif-BoldItalic", 30, 520)
    s.text(396, 248, d.holder, "DejaVuSerif-BoldItalic", size, "#111111", "center")
    s.line(216, 258, 576, 258, "#8a6d1d", 0.8)
    s.text(
        396, 284, "has successfully completed the course", "Times-Italic", 13, "#333333", "center"
    )
    size = s.fit(d.course, "Times-Bold", 20, 600)
    s.text(396, 314, d.course, "Times-Bold", size, "#1f3a5f", "center")
    top = 338.0
    if d.code:
        s.text(396, top, f"Course Code: {d.code}", "Times-Roman", 11, "#333333", "center")
        top += 18
    s.text(
        396,
        top,
        f"and has been awarded {' | '.join(credit_parts(d))}",
        "Times-Roman",
        13,
        "#111111",
        "center",
    )
    s.text(
        396, top + 20, f"Completed on {completion_text(d)}", "Times-Roman", 13, "#111111", "center"
    )
    if d.cert_id:
        s.text(396, top + 40, f"Certificate No. {d.cert_id}", "Courier", 10, "#333333", "center")
    _signers(s, d, 505, 90, 522, 180)
    seal(s, 396, 505, 42, "CONTINUING EDUCATION * EXCELLENCE *", "CE", "#8a6d1d")
    if d.issued:
        s.text(60, 572, f"Issued {fmt_date(d.issued, 'us')}", "Helvetica", 7, "#666666")
    return s.finish()


def university_diploma(d: CertData) -> Rendered:
    """Landscape diploma wording: 'be it known that', ordinal 'Given this ... day of'."""
    s = Sheet(792, 612, "Certificate")
    border_guilloche(s, "#6b1f2a")
    s.text(396, 92, d.provider, "DejaVuSerif-Bold", 22, "#6b1f2a", "center")
    s.text(
        396,
        114,
        "Office of Continuing and Professional Education",
        "Times-Italic",
        12,
        "#333333",
        "center",
    )
    s.text(396, 160, "Be it known that", "Times-Italic", 15, "#333333", "center")
    size = s.fit(d.holder, "Script", 38, 560)
    s.text(396, 206, d.holder, "Script", size, "#111111", "center")
    s.text(
        396,
        240,
        "having satisfactorily completed the program of study in",
        "Times-Roman",
        13,
        "#333333",
        "center",
    )
    size = s.fit(d.course, "Times-BoldItalic", 21, 620)
    s.text(396, 270, d.course, "Times-BoldItalic", size, "#6b1f2a", "center")
    parts = credit_parts(d)
    s.text(396, 300, f"is hereby awarded {parts[0]}", "Times-Roman", 13, "#111111", "center")
    if len(parts) > 1:
        s.text(396, 318, f"({', '.join(parts[1:])})", "Times-Roman", 11, "#333333", "center")
    s.text(
        396,
        350,
        f"Given this {fmt_date(d.completed, 'ordinal')[4:]}",
        "Times-Italic",
        13,
        "#111111",
        "center",
    )
    if d.code:
        s.text(396, 370, f"Program {d.code}", "Times-Roman", 10, "#333333", "center")
    _signers(s, d, 470, 110, 502, 180)
    seal(s, 396, 470, 40, "SIGILLUM * CONTINUING EDUCATION *", "CE", "#6b1f2a")
    if d.cert_id:
        s.text(710, 560, f"Reg. No. {d.cert_id}", "Times-Roman", 8, "#333333", "right")
    return s.finish()


def multi_credit_banner(d: CertData) -> Rendered:
    """Landscape with a coloured header band and a credits strip of several certifiers."""
    s = Sheet(792, 612, "Continuing Education Certificate")
    s.rect(0, 0, 792, 96, stroke=None, fill="#0d5c63")
    logo_mark(s, 40, 22, 52, (d.seed + 2) % 5, "#ffffff", "#f4b942")
    s.text(110, 52, d.provider, "Helvetica-Bold", 22, "#ffffff")
    if d.provider_number:
        s.text(110, 72, d.provider_number, "Helvetica", 10, "#d8f0f0")
    s.text(
        396,
        150,
        "CONTINUING EDUCATION CERTIFICATE",
        "Helvetica-Bold",
        20,
        "#0d5c63",
        "center",
        spacing=2,
    )
    s.text(396, 188, "Presented to", "Helvetica", 12, "#555555", "center")
    size = s.fit(d.holder, "Vera-BoldItalic", 30, 560)
    s.text(396, 228, d.holder, "Vera-BoldItalic", size, "#222222", "center")
    s.text(396, 262, "for successful completion of", "Helvetica", 12, "#555555", "center")
    size = s.fit(d.course, "Helvetica-Bold", 18, 640)
    s.text(396, 290, d.course, "Helvetica-Bold", size, "#0d5c63", "center")
    if d.code:
        s.text(396, 310, f"Course #{d.code}", "Helvetica", 10, "#555555", "center")
    s.rect(60, 330, 672, 44, stroke=None, fill="#eef6f6")
    size = s.fit("  |  ".join(credit_parts(d)), "Helvetica-Bold", 13, 650)
    s.text(396, 357, "  |  ".join(credit_parts(d)), "Helvetica-Bold", size, "#0d5c63", "center")
    s.text(
        396, 404, f"Date of Completion: {completion_text(d)}", "Helvetica", 12, "#222222", "center"
    )
    if d.cert_id:
        s.text(396, 422, f"Certificate ID: {d.cert_id}", "Helvetica", 10, "#555555", "center")
    _signers(s, d, 520, 100, 512, 180)
    if d.approval_note:
        s.text(396, 585, d.approval_note, "Helvetica", 7, "#777777", "center")
    return s.finish()


def badge_centered(d: CertData) -> Rendered:
    """Portrait, big badge at the top, ribbon tails, everything centred below it."""
    s = Sheet(612, 792, "Achievement")
    corner_brackets(s, "#5b2a86")
    s.polygon([(270, 150), (250, 250), (285, 232), (300, 262)], "#5b2a86")
    s.polygon([(342, 150), (362, 250), (327, 232), (312, 262)], "#5b2a86")
    seal(s, 306, 140, 62, f"{d.provider.upper()} * ", "CE", "#5b2a86")
    s.text(
        306,
        300,
        "CERTIFICATE OF ACHIEVEMENT",
        "DejaVuSans-Bold",
        18,
        "#5b2a86",
        "center",
        spacing=1.5,
    )
    s.text(306, 340, "awarded to", "Helvetica-Oblique", 12, "#555555", "center")
    size = s.fit(d.holder, "LiberationSerif-Italic", 32, 480)
    s.text(306, 382, d.holder, "LiberationSerif-Italic", size, "#111111", "center")
    s.line(140, 392, 472, 392, "#5b2a86", 0.8)
    s.text(306, 424, "for completing", "Helvetica-Oblique", 12, "#555555", "center")
    top = s.wrap(306, 452, d.course, 440, "DejaVuSans-Bold", 17, align="center", color="#222222")
    s.text(306, top + 4, f"offered by {d.provider}", "Helvetica", 11, "#555555", "center")
    top += 36
    for part in credit_parts(d):
        s.text(306, top, part, "Helvetica-Bold", 12, "#5b2a86", "center")
        top += 17
    s.text(306, top + 10, completion_text(d), "Helvetica", 12, "#222222", "center")
    if d.cert_id:
        s.text(306, top + 30, f"Credential ID {d.cert_id}", "Courier", 9, "#555555", "center")
    _signers(s, d, 700, 80, 352, 180)
    return s.finish()


def ribbon_corner(d: CertData) -> Rendered:
    """Landscape, left-aligned text block, diagonal ribbon in a corner, hours only."""
    s = Sheet(792, 612, "Certificate")
    s.rect(18, 18, 756, 576, stroke="#c0392b", width=1.5)
    s.polygon([(792, 0), (640, 0), (792, 152)], "#c0392b")
    s.polygon([(610, 0), (580, 0), (792, 212), (792, 182)], "#2c3e50")
    logo_mark(s, 60, 56, 44, (d.seed + 1) % 5, "#c0392b", "#2c3e50")
    s.text(118, 88, d.provider, "DejaVuSansCondensed-Bold", 18, "#2c3e50")
    s.text(60, 170, "Certificate", "DejaVuSerif", 44, "#2c3e50")
    s.text(60, 196, "OF COURSE COMPLETION", "Helvetica", 12, "#c0392b", spacing=3)
    s.text(
        60,
        260,
        d.holder,
        "DejaVuSerif-Italic",
        s.fit(d.holder, "DejaVuSerif-Italic", 30, 560),
        "#111111",
    )
    s.wrap(60, 300, f"completed {d.course}", 600, "Helvetica", 14, color="#333333")
    top = 350.0
    rows = [("Date", completion_text(d))]
    if d.hours is not None:
        rows.append(("Hours", f"{fmt_num(d.hours)} Hours"))
    if d.nasm_ceus is not None:
        rows.append(("CEUs", fmt_ceu(d.nasm_ceus)))
    rows.extend(("Also", c) for c in d.other_credits)
    if d.code:
        rows.append(("Code", d.code))
    if d.cert_id:
        rows.append(("ID", d.cert_id))
    for label, value in rows:
        s.text(60, top, f"{label}:", "Helvetica-Bold", 11, "#2c3e50")
        s.text(120, top, value, "Helvetica", 11, "#111111", join=True)
        top += 18
    if d.signers:
        name, title = d.signers[0]
        signature_block(s, 470, 540, 220, name, title, d.seed)
    return s.finish()
