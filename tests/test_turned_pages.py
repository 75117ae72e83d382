"""White boxes and pasted digits on pages that are turned: a page shown turned by
/Rotate with its text drawn to read upright, and a scan placed on the page sideways.
PDFs made here (made-up certificates), tampered the benchmark's way."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from bench.tamper import digits_as_picture, find_target, white_out_resaved
from checks.authenticity import file_findings
from ingest.record import Finding, FindingCode
from ingest.settings import Settings
from tests.made_certificates import certificate

SETTINGS = Settings()
# Text drawn across the page's own space, to read upright once shown turned a quarter.
UPRIGHT_ON_ROTATE_90 = "0 1 -1 0"


def _pdf(content: bytes, *, rotate: int = 0, image: Image.Image | None = None) -> bytes:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica")
    )
    resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    if image is not None:
        gray = image.convert("L")
        resources["/XObject"] = pikepdf.Dictionary(
            Scan=pdf.make_stream(
                gray.tobytes(),
                Type=pikepdf.Name.XObject,
                Subtype=pikepdf.Name.Image,
                Width=gray.width,
                Height=gray.height,
                ColorSpace=pikepdf.Name.DeviceGray,
                BitsPerComponent=8,
            )
        )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 595, 842],
        Resources=resources,
        Contents=pdf.make_stream(content),
    )
    if rotate:
        page["/Rotate"] = rotate
    pdf.pages.append(pikepdf.Page(page))
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _turned_certificate() -> bytes:
    """A landscape certificate on a portrait page shown turned by /Rotate 90."""
    lines = [
        (120, 300, 28, "Certificate of Completion"),
        (200, 330, 22, "Jordan Avery Mills"),
        (260, 300, 14, "Wound Care Fundamentals, 6 contact hours"),
        (300, 330, 14, "Completed 03/14/2026"),
        (420, 330, 12, "Lakeside Health Academy"),
    ]
    drawn = [
        f"BT /F1 {size} Tf {UPRIGHT_ON_ROTATE_90} {down} {across} Tm ({text}) Tj ET"
        for down, across, size, text in lines
    ]
    return _pdf("\n".join(drawn).encode(), rotate=90)


def _sideways_scan() -> bytes:
    """A scanned landscape certificate placed a quarter turned on a portrait page."""
    scan = certificate("Jordan Avery Mills").resize((1100, 850))
    return _pdf(b"q 0 842 -595 0 595 0 cm /Scan Do Q", image=scan)


def _found(data: bytes, tmp_path: Path) -> tuple[Finding, ...]:
    path = tmp_path / "upload.pdf"
    path.write_bytes(data)
    return file_findings(path, SETTINGS, is_image=False)


PAGES: list[tuple[str, Callable[[], bytes]]] = [
    ("text-upright-on-rotate-90", _turned_certificate),
    ("scan-placed-sideways", _sideways_scan),
]


@pytest.mark.parametrize(("name", "make"), PAGES, ids=[p[0] for p in PAGES])
def test_an_untouched_turned_page_has_no_findings(name, make, tmp_path) -> None:
    assert not _found(make(), tmp_path)


@pytest.mark.parametrize(("name", "make"), PAGES, ids=[p[0] for p in PAGES])
def test_a_white_box_on_a_turned_page_is_flagged(name, make, tmp_path) -> None:
    found = _found(white_out_resaved(make(), "2099"), tmp_path)
    boxes = [f for f in found if f.code is FindingCode.WHITE_BOX_OVER_TEXT]
    assert boxes, found
    x0, y0, x1, y1 = boxes[0].evidence.box or [0, 0, 0, 0]
    assert x1 - x0 > y1 - y0  # a line's width and height as the page is shown


@pytest.mark.parametrize(("name", "make"), PAGES, ids=[p[0] for p in PAGES])
def test_digits_pasted_on_a_turned_page_are_flagged(name, make, tmp_path) -> None:
    codes = {f.code for f in _found(digits_as_picture(make()), tmp_path)}
    assert codes & {FindingCode.PICTURE_OVER_TEXT, FindingCode.TEXT_LAYER_DISAGREES}


def test_the_benchmark_aims_at_a_date_on_a_turned_page() -> None:
    target = find_target(_turned_certificate())
    assert target.text == "03/14/2026" and target.turn == 90


def test_the_benchmark_aims_at_a_year_when_no_longer_run_of_digits_is_printed() -> None:
    content = b"BT /F1 14 Tf 72 700 Td (Held on 6 September 2026 in Lakeside) Tj ET"
    assert find_target(_pdf(content)).text == "2026"
