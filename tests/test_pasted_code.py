"""A code drawn as vectors on a made-up certificate, replaced by a picture of another
certificate's code (the benchmark's way): the picture hides the drawing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pikepdf
import zxingcpp

from bench.codes_tamper import replace_code
from checks.authenticity import file_findings
from ingest.record import FindingCode
from ingest.settings import Settings

SETTINGS = Settings()
LINK = "https://verify.example.org/certificates/48213-77"  # a made-up issuer's link


def _vector_code(left: float, bottom: float, side: float) -> bytes:
    """The link's QR code as one filled path of squares, as certificate makers draw it."""
    barcode = zxingcpp.create_barcode(LINK, zxingcpp.BarcodeFormat.QRCode)
    modules = np.asarray(zxingcpp.write_barcode_to_image(barcode, scale=1, add_quiet_zones=False))
    step = side / modules.shape[0]
    squares = [
        f"{left + x * step:.2f} {bottom + side - (y + 1) * step:.2f} {step:.2f} {step:.2f} re"
        for y, x in zip(*np.nonzero(modules < 128), strict=True)
    ]
    return ("0 0 0 rg\n" + "\n".join(squares) + "\nf").encode()


def _certificate(path: Path) -> Path:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica")
    )
    text = (
        b"BT /F1 28 Tf 180 480 Td (Certificate of Completion) Tj ET\n"
        b"BT /F1 20 Tf 250 420 Td (Jordan Avery Mills) Tj ET\n"
        b"BT /F1 12 Tf 250 380 Td (Completed 03/14/2026) Tj ET\n"
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 792, 612],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(text + _vector_code(90, 90, 90)),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def test_an_untouched_vector_code_has_no_findings(tmp_path: Path) -> None:
    assert not file_findings(_certificate(tmp_path / "made.pdf"), SETTINGS, is_image=False)


def test_a_picture_of_another_code_over_a_vector_code_is_flagged(tmp_path: Path) -> None:
    tampered = replace_code(_certificate(tmp_path / "made.pdf"), SETTINGS)
    assert tampered is not None
    path = tmp_path / "tampered.pdf"
    path.write_bytes(tampered)
    found = [
        f
        for f in file_findings(path, SETTINGS, is_image=False)
        if f.code is FindingCode.PICTURE_OVER_TEXT
    ]
    assert found and "hides a drawing" in found[0].message
    assert found[0].evidence.box is not None and found[0].evidence.box[0] < 0.3
