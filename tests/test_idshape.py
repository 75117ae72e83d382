"""Ids read back by their shape where OCR gave a look-alike letter for a digit."""

from __future__ import annotations

import pytest

from extractors import fields
from extractors.idshape import read_back
from extractors.labels import labeled_values
from extractors.layout import group_lines
from extractors.textindex import TextIndex
from ingest.model import Box, DocumentText, FileKind, PageText, TextSource, TriageResult, Word

READ_BACK = [
    (
        "uuid-groups-are-hex",
        "UC-7bide0b3-1f2a-4c9b-9715-5adbOcfe6273",
        "UC-7b1de0b3-1f2a-4c9b-9715-5adb0cfe6273",
    ),
    ("long-hex-digest", "9f8e7d6c5b4a3928l706a1b2c3d4e5fO", "9f8e7d6c5b4a39281706a1b2c3d4e5f0"),
    ("id-of-digits", "58I3O264", "58130264"),
    ("number-after-a-prefix", "AB-2O9918", "AB-209918"),
    ("letters-and-digits-mixed-kept", "7XK3P5Q28LM4", None),
    ("o-among-letters-kept", "40O7KW2", None),
    ("letter-prefix-kept", "S1234567", None),
    ("check-letter-kept", "C4815A62F", None),
    ("random-case-letters", "QwzLpgMXrf", None),
    ("exact-uuid", "UC-53a1b878-c897-4e19-a759-4947ee7b6adc", None),
]


@pytest.mark.parametrize(
    ("code", "expected"), [c[1:] for c in READ_BACK], ids=[c[0] for c in READ_BACK]
)
def test_read_back(code: str, expected: str | None) -> None:
    result = read_back(code)
    assert (result[0] if result else None) == expected


def _labelled_id_page(source: TextSource, code: str) -> TextIndex:
    words = [
        Word("Certificate", Box(0.1, 0.1, 0.25, 0.12), 91.0),
        Word("ID:", Box(0.26, 0.1, 0.3, 0.12), 91.0),
        Word(code, Box(0.31, 0.1, 0.45, 0.12), 74.0),
    ]
    page = PageText(0, 612.0, 792.0, source, group_lines(words))
    triage = TriageResult(FileKind.PNG, "0" * 64, 1, 1, "image/png")
    return TextIndex(DocumentText(triage, (page,)))


@pytest.mark.parametrize(
    ("source", "expected"),
    [(TextSource.OCR, "73104482"), (TextSource.TEXT_LAYER, "73IO4482")],
    ids=["read-by-ocr-read-back", "text-layer-exact"],
)
def test_only_what_ocr_read_is_read_back(source: TextSource, expected: str) -> None:
    index = _labelled_id_page(source, "73IO4482")
    read = fields.certificate_id(index, labeled_values(index), None)
    assert read is not None and read.value == expected
