"""Authenticity checks on real files: tampered copies made here from the samples and
the real documents (read in place), and untouched originals that must stay clean."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from bench.codes_tamper import replace_code
from bench.real_documents import load_real_truths
from bench.tamper import digits_as_picture, edit_in_place, white_out_incremental, white_out_resaved
from checks.authenticity import file_findings
from ingest.record import FindingCode, FlagCode
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from pipeline.run import process_file
from tests.locations import REAL_DOCUMENTS, SAMPLES_DIR

SAMPLE = SAMPLES_DIR / "set" / "cert-prose-classic-01-digital.pdf"
REAL = REAL_DOCUMENTS / "files"
SETTINGS = Settings()
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="the real documents are not beside us")

TAMPERS: list[tuple[str, Callable[[bytes], bytes | None], FindingCode]] = [
    ("edit-in-place", edit_in_place, FindingCode.REVISED_AFTER_CREATION),
    (
        "white-out-update",
        lambda d: white_out_incremental(d, "2099"),
        FindingCode.REVISED_AFTER_CREATION,
    ),
    ("white-out-resaved", lambda d: white_out_resaved(d, "2099"), FindingCode.WHITE_BOX_OVER_TEXT),
    ("digits-as-picture", digits_as_picture, FindingCode.TEXT_LAYER_DISAGREES),
]


def _findings_of(data: bytes, tmp_path: Path, suffix: str = ".pdf") -> set[FindingCode]:
    path = tmp_path / f"upload{suffix}"
    path.write_bytes(data)
    return {f.code for f in file_findings(path, SETTINGS, is_image=suffix != ".pdf")}


@pytest.mark.parametrize(("name", "make", "code"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_a_tampered_sample_is_flagged(name, make, code, tmp_path):
    assert code in _findings_of(make(SAMPLE.read_bytes()), tmp_path)


@needs_real
@pytest.mark.parametrize(("name", "make", "code"), TAMPERS, ids=[t[0] for t in TAMPERS])
def test_a_tampered_real_certificate_is_flagged(name, make, code, tmp_path):
    real = REAL / "019-aha-bls-ecard-2023.pdf"  # two sections already, as issued
    assert code in _findings_of(make(real.read_bytes()), tmp_path)


# Genuine files with two sections, differing trailer IDs, HTML white cells over
# background images, a scan saved through Photoshop: none is an edit.
UNTOUCHED = [
    "019-aha-bls-ecard-2023.pdf",
    "047-ha-training-au-first-aid-cpr-statement.pdf",
    "098-scuola-futura-attestato-italian.pdf",
    "105-bstqb-ctfl-certification.pdf",
    "096-alx-student-transcript.pdf",
    "109-diplomado-scan-spanish.jpg",
]


@needs_real
@pytest.mark.parametrize("name", UNTOUCHED, ids=UNTOUCHED)
def test_an_untouched_real_document_is_not_flagged(name):
    path = REAL / name
    assert file_findings(path, SETTINGS, is_image=path.suffix != ".pdf") == ()


def test_the_white_box_evidence_names_both_values(tmp_path):
    path = tmp_path / "edited.pdf"
    path.write_bytes(white_out_resaved(SAMPLE.read_bytes(), "2099"))
    evidence = file_findings(path, SETTINGS, is_image=False)[0].evidence
    assert (evidence.shown, bool(evidence.other), evidence.box is not None) == ("2099", True, True)


def test_the_layer_evidence_names_what_the_page_shows_and_the_layer_says(tmp_path):
    path = tmp_path / "remade.pdf"
    path.write_bytes(digits_as_picture(SAMPLE.read_bytes()))
    found = [
        f
        for f in file_findings(path, SETTINGS, is_image=False)
        if f.code is FindingCode.TEXT_LAYER_DISAGREES
    ]
    # the sample prints certificate id SSA-2026-0412; the picture shows each digit one up
    assert (found[0].evidence.shown, found[0].evidence.other) == ("31371523", "SSA-2026-0412")


def test_a_picture_pasted_over_a_scanned_page_is_flagged(tmp_path):
    scan = SAMPLES_DIR / "set" / "cert-prose-classic-01-scan_clean.pdf"  # no text layer
    assert file_findings(scan, SETTINGS, is_image=False) == ()
    found = _findings_of(digits_as_picture(scan.read_bytes()), tmp_path)
    assert FindingCode.PICTURE_OVER_TEXT in found


@needs_real
def test_a_code_pasted_over_the_printed_one_is_flagged_in_a_pdf(tmp_path):
    """An AHA eCard links by an id it never prints: the pasted picture gives it away."""
    ecard = REAL / "001-aha-bls-ecard.pdf"
    assert file_findings(ecard, SETTINGS, is_image=False) == ()
    replaced = replace_code(ecard, SETTINGS)
    assert replaced is not None
    path = tmp_path / "replaced.pdf"
    path.write_bytes(replaced)
    findings = file_findings(path, SETTINGS, is_image=False)
    pasted = [f for f in findings if f.code is FindingCode.PICTURE_OVER_TEXT]
    assert pasted and pasted[0].evidence.page == 0 and pasted[0].evidence.box is not None


def test_the_revision_evidence_points_at_the_appended_bytes(tmp_path):
    original = SAMPLE.read_bytes()
    path = tmp_path / "edited.pdf"
    path.write_bytes(white_out_incremental(original, "2099"))
    evidence = file_findings(path, SETTINGS, is_image=False)[0].evidence
    assert evidence.byte_range == [len(original), path.stat().st_size]


def test_acrobat_touchup_marks_are_found(tmp_path):
    with pikepdf.open(SAMPLE) as pdf:
        pdf.pages[0].contents_add(pdf.make_stream(b"/TouchUp_TextEdit MP"), prepend=False)
        out = io.BytesIO()
        pdf.save(out)
    assert FindingCode.TOUCHUP_EDIT in _findings_of(out.getvalue(), tmp_path)


HISTORY = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"><xmpMM:History '
    'xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"><rdf:Seq>'
    '<rdf:li stEvt:action="{action}" stEvt:softwareAgent="GIMP 2.10"/>'
    "</rdf:Seq></xmpMM:History></rdf:Description></rdf:RDF></x:xmpmeta>"
)


@pytest.mark.parametrize(
    ("action", "flagged"), [("saved", True), ("created", False)], ids=["saved", "created"]
)
def test_an_image_saved_by_an_image_editor_is_flagged(action, flagged, tmp_path):
    photo = SAMPLES_DIR / "set" / "card-aha-bls-01-front-photo.jpg"
    out = io.BytesIO()
    with Image.open(photo) as img:
        img.save(out, "JPEG", xmp=HISTORY.format(action=action).encode())
    found = FindingCode.IMAGE_EDITOR_HISTORY in _findings_of(out.getvalue(), tmp_path, ".jpg")
    assert found is flagged


def test_the_pipeline_record_carries_findings_and_a_review_flag(tmp_path):
    path = tmp_path / "edited.pdf"
    path.write_bytes(white_out_incremental(SAMPLE.read_bytes(), "2099"))
    record = process_file(path, Settings(data_dir=tmp_path)).to_json_dict()
    flags = {f["code"] for f in record["flags"]}
    assert (bool(record["authenticity"]), FlagCode.AUTHENTICITY_REVIEW in flags) == (True, True)


def test_an_untouched_sample_has_no_findings(tmp_path):
    record = process_file(SAMPLE, Settings(data_dir=tmp_path))
    assert record.authenticity == []


RED_CROSS = REAL / "006-redcross-us-bls-certificate-screenshot.jpg"
CODES = [
    ("another-id", None, FindingCode.CODE_ID_MISMATCH),
    (
        "another-issuer",
        "https://ecards.heart.org/student/eCards?cid={printed_id}",
        FindingCode.CODE_HOST_NOT_ISSUER,
    ),
    (
        "look-alike-host",
        "https://www.redcrosss.org/take-a-class/qrCode?certnumber={printed_id}",
        FindingCode.CODE_HOST_LOOKALIKE,
    ),
]


def _printed_id(path: Path) -> str:
    """The certificate id the corpus's truth records as printed on ``path``."""
    truth = next(t for t in load_real_truths(REAL_DOCUMENTS) if t.name == path.name)
    return str(truth.fields["certificate_id"])


@pytest.fixture(scope="module")
def real_catalog() -> Catalog:
    return load_catalog(REAL_DOCUMENTS / "catalog.csv").catalog


@needs_real
@pytest.mark.parametrize(("name", "link", "code"), CODES, ids=[c[0] for c in CODES])
def test_a_replaced_code_is_flagged(name, link, code, real_catalog, tmp_path):
    path = tmp_path / "card.jpg"
    printed = link.format(printed_id=_printed_id(RED_CROSS)) if link else link
    path.write_bytes(replace_code(RED_CROSS, SETTINGS, printed) or b"")
    record = process_file(path, Settings(data_dir=tmp_path), catalog=real_catalog)
    assert code in {f.code for f in record.authenticity}


@needs_real
def test_a_code_that_carries_the_printed_id_is_not_flagged(real_catalog, tmp_path):
    record = process_file(RED_CROSS, Settings(data_dir=tmp_path), catalog=real_catalog)
    assert record.authenticity == []


@pytest.fixture(scope="module")
def signed_sample(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The sample signed here by a key and certificate made for the test."""
    folder = tmp_path_factory.mktemp("signer")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Summit Strength Academy")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    (folder / "key.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    (folder / "cert.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    signer = signers.SimpleSigner.load(str(folder / "key.pem"), str(folder / "cert.pem"))
    assert signer is not None
    writer = IncrementalPdfFileWriter(io.BytesIO(SAMPLE.read_bytes()))
    out = signers.sign_pdf(writer, signers.PdfSignatureMetadata(field_name="Issuer"), signer=signer)
    return out.getvalue()


def _broken(signed: bytes) -> bytes:
    """One signed byte changed, the file's structure untouched."""
    at = signed.index(b"ReportLab")
    return signed[:at] + b"Reportlab" + signed[at + len(b"ReportLab") :]


SIGNED = [
    ("intact", lambda d: d, set()),
    (
        "edited-after",
        edit_in_place,
        {FindingCode.CHANGED_AFTER_SIGNING, FindingCode.REVISED_AFTER_CREATION},
    ),
    ("byte-changed", _broken, {FindingCode.SIGNATURE_BROKEN}),
]


@pytest.mark.parametrize(("name", "make", "codes"), SIGNED, ids=[s[0] for s in SIGNED])
def test_a_signed_pdf_is_validated(name, make, codes, signed_sample, tmp_path):
    assert _findings_of(make(signed_sample), tmp_path) == codes
