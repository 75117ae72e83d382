"""Catalog CSV loading: good rows load, bad rows are reported, unusable files are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.errors import CatalogInvalid, ErrorCode
from ingest.settings import Settings
from matchers.catalog import load_catalog, parse_catalog

HEADER = "provider_id,provider_name,aliases,course_id,course_title,ceus,approval_year"
GOOD_ROWS = (
    "P1,Summit Strength Academy,SSA|Summit Strength,C1,Kettlebell Foundations,0.8,2026",
    "P1,Summit Strength Academy,SSA,C2,Advanced Barbell Coaching,1.2,2026",
    "P2,Coastal Kinetics Institute,CKI,C3,Program Design for Older Adults,1.0,",
)


def write_catalog(tmp_path: Path, *extra_rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "catalog.csv"
    path.write_text("\n".join((header, *GOOD_ROWS, *extra_rows)) + "\n", encoding="utf-8")
    return path


def test_sample_catalog_loads_every_row(catalog_path: Path) -> None:
    loaded = load_catalog(catalog_path)
    assert (loaded.rows_loaded, len(loaded.catalog.providers), loaded.rejected) == (24, 12, ())


def test_aliases_are_split_and_merged_across_rows(tmp_path: Path) -> None:
    provider = load_catalog(write_catalog(tmp_path)).catalog.provider("P1")
    assert provider is not None and provider.aliases == ("SSA", "Summit Strength")


def test_same_course_in_two_years_is_approved_for_both(tmp_path: Path) -> None:
    row = "P1,Summit Strength Academy,SSA,C1,Kettlebell Foundations,0.8,2025"
    course = load_catalog(write_catalog(tmp_path, row)).catalog.providers[0].course("C1")
    assert course is not None and course.approval_years == frozenset({2025, 2026})


def test_row_without_year_is_approved_for_every_year(tmp_path: Path) -> None:
    course = load_catalog(write_catalog(tmp_path)).catalog.providers[1].courses[0]
    assert [course.approved_for(y) for y in (2019, 2026, None)] == [True, True, True]


def test_parse_catalog_reads_uploaded_text(catalog_path: Path) -> None:
    text = catalog_path.read_bytes().decode("utf-8")
    assert parse_catalog(text) == load_catalog(catalog_path)


BAD_ROWS = [
    pytest.param("P3,,,C9,Mat Pilates,1.0,2026", "provider_name", "missing", id="missing-name"),
    pytest.param(
        ",Evergreen Pilates,,C9,Mat Pilates,1.0,2026",
        "provider_id",
        "missing",
        id="missing-provider-id",
    ),
    pytest.param(
        "P3,Evergreen Pilates,,,Mat Pilates,1.0,2026",
        "course_id",
        "missing",
        id="missing-course-id",
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,,1.0,2026", "course_title", "missing", id="missing-title"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,one,2026", "ceus", "number", id="ceus-not-a-number"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,0,2026", "ceus", "more than 0", id="ceus-zero"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,-1,2026", "ceus", "more than 0", id="ceus-negative"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,12,2026", "ceus", "at most 10", id="ceus-too-large"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,nan,2026", "ceus", "more than 0", id="ceus-nan"
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,1.0,20x6",
        "approval_year",
        "year",
        id="year-not-a-number",
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,1.0,1899",
        "approval_year",
        "year",
        id="year-out-of-range",
    ),
    pytest.param(
        "P1,Summit Strength Academy,,C1,Kettlebell Foundations,0.8,2026",
        "course_id",
        "duplicate course id for 2026",
        id="duplicate-course-id",
    ),
    pytest.param(
        "P1,Summit Strength Collective,,C9,Mat Pilates,1.0,2026",
        "provider_name",
        "P1 is named 'Summit Strength Academy'",
        id="provider-id-with-two-names",
    ),
    pytest.param(
        "P9,Summit Strength Academy,,C9,Mat Pilates,1.0,2026",
        "provider_id",
        "already has provider id P1",
        id="provider-name-with-two-ids",
    ),
    pytest.param(
        "P2,Coastal Kinetics Institute,,C1,Kettlebell Foundations,0.8,2027",
        "course_id",
        "already used for P1",
        id="course-id-of-another-provider",
    ),
    pytest.param(
        "P1,Summit Strength Academy,,C1,Kettlebell Foundations,0.9,2027",
        "ceus",
        "C1 has 0.8 CEUs",
        id="course-with-two-ceu-values",
    ),
    pytest.param(
        "P2,Coastal Kinetics Institute,,C3,Program Design for Older Adults,1.0,2027",
        "course_id",
        "duplicate course id for 2027",
        id="year-row-after-every-year-row",
    ),
    pytest.param(
        "P3,Evergreen Pilates,,C9,Mat Pilates,1.0", None, "has 6 values", id="too-few-values"
    ),
]


@pytest.mark.parametrize(("row", "column", "problem"), BAD_ROWS)
def test_bad_row_is_reported_with_row_column_and_problem(
    tmp_path: Path, row: str, column: str | None, problem: str
) -> None:
    loaded = load_catalog(write_catalog(tmp_path, row))
    rejected = loaded.rejected[0]
    assert (rejected.row, rejected.column, problem in rejected.describe()) == (5, column, True)


@pytest.mark.parametrize(("row", "column", "problem"), BAD_ROWS)
def test_good_rows_still_load_beside_a_bad_row(
    tmp_path: Path, row: str, column: str | None, problem: str
) -> None:
    assert load_catalog(write_catalog(tmp_path, row)).rows_loaded == len(GOOD_ROWS)


def test_every_problem_of_a_row_is_reported(tmp_path: Path) -> None:
    loaded = load_catalog(write_catalog(tmp_path, ",Evergreen Pilates,,C9,,abc,2026"))
    assert [r.column for r in loaded.rejected] == ["provider_id", "course_title", "ceus"]


def test_quoted_commas_and_blank_lines_are_fine(tmp_path: Path) -> None:
    row = '\nP3,Evergreen Pilates,,C9,"Speed, Agility and Quickness",1.0,2026\n'
    course = load_catalog(write_catalog(tmp_path, row)).catalog.providers[2].courses[0]
    assert course.title == "Speed, Agility and Quickness"


def test_a_course_without_ceus_loads_with_none(tmp_path: Path) -> None:
    row = "P3,Heartline Life Support,,C9,BLS Provider,,"
    course = load_catalog(write_catalog(tmp_path, row)).catalog.providers[2].courses[0]
    assert course.ceus is None


def test_optional_year_column_may_be_left_out(tmp_path: Path) -> None:
    path = tmp_path / "catalog.csv"
    path.write_text(HEADER.removesuffix(",approval_year") + "\nP1,A Academy,,C1,Course,1.0\n")
    assert load_catalog(path).catalog.providers[0].courses[0].approval_years == frozenset()


INVALID_FILES = [
    pytest.param(b"", "empty", id="empty"),
    pytest.param(
        b"P1,Summit,SSA,C1,Kettlebell,0.8,2026\n", "missing column(s): provider_id", id="no-header"
    ),
    pytest.param(
        b"provider,provider_name,aliases,course_id,course_title,ceus\n",
        "unknown column(s): 'provider'",
        id="typo",
    ),
    pytest.param(
        b"provider_id;provider_name;aliases;course_id;course_title;ceus\n",
        "save it comma-separated",
        id="semicolons",
    ),
    pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary", id="png"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00", "Excel workbook", id="xlsx"),
    pytest.param(b"%PDF-1.7\n", "a PDF", id="pdf"),
    pytest.param(
        HEADER.encode() + b"\nP1,Caf\xe9 Fitness,,C1,Course,1.0,2026\n", "not UTF-8", id="latin-1"
    ),
    pytest.param(HEADER.encode() + b"\n", "No catalog row", id="header-only"),
    pytest.param(
        HEADER.encode() + b"\nP1,,,C1,Course,abc,2026\n", "No catalog row", id="every-row-bad"
    ),
]


@pytest.mark.parametrize(("content", "message"), INVALID_FILES)
def test_unusable_file_raises_with_what_to_fix(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "catalog.csv"
    path.write_bytes(content)
    with pytest.raises(CatalogInvalid, match=re.escape(message)):
        load_catalog(path)


def test_missing_file_raises_catalog_invalid(tmp_path: Path) -> None:
    with pytest.raises(CatalogInvalid) as caught:
        load_catalog(tmp_path / "nowhere.csv")
    assert caught.value.code is ErrorCode.CATALOG_INVALID


def test_cli_loads_catalog_and_warns_about_bad_rows(
    tmp_path: Path, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    from cli.main import _load_catalog

    catalog = _load_catalog(write_catalog(tmp_path, ",Nameless,,C9,Course,1.0,2026"), settings)
    assert catalog is not None and "row 5, column provider_id" in capsys.readouterr().err


def test_catalog_load_is_immutable(catalog_path: Path) -> None:
    loaded = load_catalog(catalog_path)
    with pytest.raises(AttributeError):
        loaded.rows_loaded = 0  # type: ignore[misc]
