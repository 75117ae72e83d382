"""PDF text layers as real documents write them: filled-in form fields, letters
spaced out by a tracked font, text turned on the page, and layers that hold only
the variable fields while the rest of the wording is printed as artwork."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import landscape, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

from extractors.pdftext import read_text_layer
from extractors.reading import read_document
from ingest.model import TextSource
from ingest.settings import Settings
from ingest.triage import triage_file

SENTENCE = "Northfield Academy has confirmed the identity of this learner"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def layer_lines(path: Path) -> list[str]:
    return [line.text for line in read_text_layer(path)[0].lines]


def letter_by_letter(path: Path, letter_gap: float, word_gap: float) -> Path:
    """Each letter drawn on its own, ``letter_gap`` ems apart (every third pair a
    little wider, as kerning leaves them) and words ``word_gap`` ems apart."""
    size = 9.0
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica", size)
    x = 72.0
    for position, char in enumerate(SENTENCE):
        if char == " ":
            x += word_gap * size
            continue
        pdf.drawString(x, 600, char)
        uneven = 0.08 if position % 3 == 0 else 0.0
        x += stringWidth(char, "Helvetica", size) + (letter_gap + uneven) * size
    pdf.save()
    return path


@pytest.mark.parametrize(
    ("letter_gap", "word_gap"),
    [(0.16, 0.45), (0.3, 0.7), (0.1, 0.35), (0.05, 0.3), (0.0, 0.25)],
    ids=["tracked-font", "widely-tracked", "lightly-tracked", "kerned", "ordinary-spacing"],
)
def test_letters_spaced_out_are_read_as_words(
    tmp_path: Path, letter_gap: float, word_gap: float
) -> None:
    path = letter_by_letter(tmp_path / "spaced.pdf", letter_gap, word_gap)
    assert layer_lines(path) == [SENTENCE]


def test_tight_word_spaces_of_a_condensed_font_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "condensed.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.setFont("Helvetica", 12)
    x = 72.0
    for word in ["Strength", "Training", "course", "Certificate"]:
        pdf.drawString(x, 600, word)
        x += stringWidth(word, "Helvetica", 12) + 0.16 * 12
    pdf.save()
    assert layer_lines(path) == ["Strength Training course Certificate"]


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("Dana Whitfield", 72)], ["Holder", "Dana Whitfield"]),
        ([("04/12/2024", 72), ("04/2026", 320)], ["Holder", "04/12/2024", "04/2026"]),
    ],
    ids=["filled-in-field", "two-fields-on-one-row"],
)
def test_filled_in_form_fields_are_read(
    tmp_path: Path, rows: list[tuple[str, int]], expected: list[str]
) -> None:
    path = tmp_path / "form.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.drawString(72, 700, "Holder")
    for number, (value, x) in enumerate(rows):
        pdf.acroForm.textfield(
            name=f"field{number}", value=value, x=x, y=650, width=200, height=20, borderWidth=0
        )
    pdf.save()
    assert layer_lines(path) == expected


@pytest.mark.parametrize("degrees", [90, 180, 270], ids=["up-the-page", "upside-down", "down"])
def test_text_turned_on_the_page_reads_forwards(tmp_path: Path, degrees: int) -> None:
    path = tmp_path / "turned.pdf"
    pdf = canvas.Canvas(str(path), pagesize=letter)
    pdf.translate(306, 396)
    pdf.rotate(degrees)
    pdf.setFont("Helvetica", 14)
    pdf.drawString(-100, 0, "Certified Wellness Coach")
    pdf.drawString(-100, -30, "Dana R. Whitfield")
    pdf.save()
    assert layer_lines(path) == ["Certified Wellness Coach", "Dana R. Whitfield"]


def artwork(path: Path) -> Path:
    """A template certificate's background: its wording drawn into the image."""
    image = Image.new("RGB", (1650, 1275), "white")
    draw = ImageDraw.Draw(image)
    heading = ImageFont.truetype(FONT, 72)
    body = ImageFont.truetype(FONT, 40)
    draw.text((300, 150), "Certificate of Completion", font=heading, fill="black")
    draw.text((300, 420), "has successfully completed the course", font=body, fill="black")
    draw.text((300, 800), "Completion Date", font=body, fill="black")
    image.save(path)
    return path


def template_certificate(tmp_path: Path, *, wording_as_text: bool) -> Path:
    path = tmp_path / ("full.pdf" if wording_as_text else "template.pdf")
    width, height = landscape(letter)
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    if wording_as_text:
        pdf.setFont("Helvetica", 34)
        pdf.drawString(144, height - 110, "Certificate of Completion")
        pdf.setFont("Helvetica", 19)
        pdf.drawString(144, height - 220, "has successfully completed the course")
        pdf.drawString(144, height - 400, "Completion Date")
    else:
        pdf.drawImage(str(artwork(tmp_path / "art.png")), 0, 0, width, height)
    pdf.setFont("Helvetica", 24)
    pdf.drawString(144, height - 170, "Dana Whitfield")
    pdf.drawString(144, height - 270, "Mobility for Older Adults")
    pdf.drawString(144, height - 370, "06/03/2025")
    pdf.save()
    return path


@pytest.mark.parametrize(
    ("wording_as_text", "turned", "expected"),
    [
        (False, 0, (TextSource.LAYER_AND_OCR, True)),
        (False, 90, (TextSource.LAYER_AND_OCR, True)),
        (True, 0, (TextSource.TEXT_LAYER, True)),
    ],
    ids=["wording-as-artwork", "wording-as-artwork-page-stored-sideways", "wording-in-the-layer"],
)
def test_wording_the_layer_leaves_out_is_read_beside_it(
    tmp_path: Path,
    settings: Settings,
    wording_as_text: bool,
    turned: int,
    expected: tuple[TextSource, bool],
) -> None:
    path = template_certificate(tmp_path, wording_as_text=wording_as_text)
    if turned:
        with pikepdf.open(path, allow_overwriting_input=True) as pdf:
            pdf.pages[0].Rotate = turned
            pdf.save(path)
    page = read_document(path, triage_file(path, settings), settings).pages[0]
    wanted = ("Dana Whitfield", "has successfully completed the course", "Completion Date")
    assert (page.source, all(line in page.text.splitlines() for line in wanted)) == expected


def wording_in_small_pictures(tmp_path: Path) -> Path:
    """The variable fields in the layer, the wording in small pictures of its lines:
    together under a tenth of the page, so only the layer's shortness tells."""
    path = tmp_path / "strips.pdf"
    width, height = landscape(letter)
    pdf = canvas.Canvas(str(path), pagesize=(width, height))
    body = ImageFont.truetype(FONT, 40)
    for number, (text, top) in enumerate(
        [("has successfully completed the course", 220), ("Completion Date", 400)]
    ):
        strip = Image.new("RGB", (900, 60), "white")
        ImageDraw.Draw(strip).text((0, 5), text, font=body, fill="black")
        strip.save(tmp_path / f"strip{number}.png")
        pdf.drawImage(str(tmp_path / f"strip{number}.png"), 144, height - top, 360, 24)
    pdf.setFont("Helvetica", 24)
    pdf.drawString(144, height - 170, "Dana Whitfield")
    pdf.drawString(144, height - 300, "Mobility for Older Adults")
    pdf.save()
    return path


def test_a_short_layer_is_checked_for_wording_outside_it(
    tmp_path: Path, settings: Settings
) -> None:
    path = wording_in_small_pictures(tmp_path)
    page = read_document(path, triage_file(path, settings), settings).pages[0]
    assert "has successfully completed the course" in page.text.splitlines()


def test_letters_set_with_a_negative_font_size_are_read_as_words(tmp_path: Path) -> None:
    """Some producers flip the page's y axis and set the font at a negative size
    to draw the letters upright again: they are as large as the size says."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica")
    )
    content = b"1 0 0 -1 0 792 cm BT /F1 -30 Tf 72 200 Td (Dana Whitfield) Tj ET"
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 612, 792],
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    path = tmp_path / "flipped.pdf"
    pdf.save(path)
    assert layer_lines(path) == ["Dana Whitfield"]
