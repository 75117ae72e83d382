"""A photo with the holder's name swapped, uploaded by a second trainer: found though
the page prints no id; classmates' certificates of one template are left alone.

Certificates are drawn here (made-up names, course and issuer), read by the real
pipeline (real tesseract) and stored through the worker's own persist step, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from PIL import Image

from ingest.record import DocumentRecord, FindingCode
from ingest.settings import Settings
from pipeline.run import process_file
from store.db import Database
from store.reuse import layout_bands
from tests.made_certificates import certificate, photographed, renamed
from tests.test_reuse import _names, _stored, _upload

HOLDER = "Jordan Avery Mills"
SWAPPED = "Casey Lin Marlowe"


def _read(image: Image.Image, folder: Path, name: str) -> tuple[DocumentRecord, str]:
    path = folder / name
    image.save(path, quality=90) if path.suffix == ".jpg" else image.save(path)
    return process_file(path, Settings()), hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def photo_and_copy(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[DocumentRecord, str]]:
    folder = tmp_path_factory.mktemp("photos")
    photo = photographed(certificate(HOLDER), seed=7)
    return [
        _read(photo, folder, "photo.jpg"),
        _read(renamed(photo, SWAPPED), folder, "renamed.jpg"),
    ]


@pytest.fixture(scope="module")
def classmates(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[DocumentRecord, str]]:
    """One template, one course and date, no id: two people's genuine certificates,
    as drawn (two exports) and as photographed (two captures)."""
    folder = tmp_path_factory.mktemp("classmates")
    return [
        _read(certificate(HOLDER), folder, "mine.png"),
        _read(certificate(SWAPPED), folder, "theirs.png"),
        _read(photographed(certificate(HOLDER), seed=1), folder, "mine.jpg"),
        _read(photographed(certificate(SWAPPED), seed=2), folder, "theirs.jpg"),
    ]


def test_a_renamed_photo_without_an_id_is_found_by_its_page(
    db: Database, photo_and_copy: list[tuple[DocumentRecord, str]]
) -> None:
    (original, sha_a), (copy, sha_b) = photo_and_copy
    assert original.fields.certificate_id is None and copy.fields.certificate_id is None
    assert original.fields.holder_name == HOLDER and copy.fields.holder_name == SWAPPED
    first = _upload(db, "T1", sha_a, original)
    second = _upload(db, "T2", sha_b, copy)
    later, _ = _stored(db, second)
    earlier, _ = _stored(db, first)
    assert _names(later) == {first: {FindingCode.REUSED_PAGE}}
    assert _names(earlier) == {second: {FindingCode.REUSED_PAGE}}
    finding = next(f for f in later.authenticity if f.code is FindingCode.REUSED_PAGE)
    assert "but for the holder's line" in finding.message
    assert "another holder name" in finding.message
    assert finding.evidence.shown == SWAPPED and finding.evidence.other == HOLDER
    assert finding.evidence.detail is not None and "grain" in finding.evidence.detail
    assert "cells differ" in finding.evidence.detail


@pytest.mark.parametrize(("capture", "pair"), [("drawn", (0, 1)), ("photographed", (2, 3))])
def test_classmates_certificates_of_one_template_are_no_reuse(
    db: Database, classmates: list[tuple[DocumentRecord, str]], capture: str, pair: tuple[int, int]
) -> None:
    (mine, sha_a), (theirs, sha_b) = (classmates[i] for i in pair)
    assert mine.fields.holder_name != theirs.fields.holder_name
    first = _upload(db, "T1", sha_a, mine)
    second = _upload(db, "T2", sha_b, theirs)
    assert _names(_stored(db, first)[0]) == {} and _names(_stored(db, second)[0]) == {}


def test_a_page_is_found_by_the_rows_of_its_hash_not_one_key_for_all() -> None:
    rows = ["0000", "a5c3", "ffff", "3c96", "0f0f"] + ["5a5a"] * 11
    renamed = ["0000", "a5c3", "ffff", "c3a5", "0f0f"] + ["5a5a"] * 11  # the holder's row
    mine, theirs = layout_bands("".join(rows)), layout_bands("".join(renamed))
    assert (len(mine), "row 0: 0000" in mine, bool(set(mine) & set(theirs))) == (14, False, True)
