"""The approved-provider catalog: what it holds and how a CSV becomes one.

One CSV row per approved course::

    provider_id,provider_name,aliases,course_id,course_title,ceus[,approval_year]

``aliases`` are separated by ``|``. ``ceus`` may be left empty for a course
that prints no CEUs (a CPR/AED card, a primary certification). Approval is
per course per calendar year: a course may appear once per year; a row
without a year approves the course for every year. Rows are checked one by
one: a bad row is reported (row number as a spreadsheet shows it, column,
what is wrong) and the good rows still load. Only a file that cannot be a
catalog at all (missing, binary, not UTF-8, wrong header, no good row) raises
``CatalogInvalid``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ingest.errors import CatalogInvalid
from matchers.normalize import Words, acronym, normalize_name, word_forms

REQUIRED_COLUMNS = ("provider_id", "provider_name", "aliases", "course_id", "course_title", "ceus")
OPTIONAL_COLUMNS = ("approval_year",)
HEADER_LINE = ",".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)
ALIAS_SEPARATOR = "|"
# A single course worth more than 10 CEUs (100 contact hours) is a typo in the
# file, not a course: the whole two-year requirement is 2.0 CEUs.
MAX_COURSE_CEUS = 10.0
YEAR_RANGE = (2000, 2100)
MAX_ID_LENGTH = 64


@dataclass(frozen=True)
class Course:
    course_id: str
    title: str
    ceus: float | None  # None: the catalog gives no CEU value for this course
    approval_years: frozenset[int] = frozenset()  # empty: approved for every year

    def approved_for(self, year: int | None) -> bool:
        if not self.approval_years:
            return True
        return year is not None and year in self.approval_years

    def years_text(self) -> str:
        if not self.approval_years:
            return "every year"
        return ", ".join(str(y) for y in sorted(self.approval_years))


@dataclass(frozen=True)
class Provider:
    provider_id: str
    name: str
    aliases: tuple[str, ...] = ()
    courses: tuple[Course, ...] = ()

    @cached_property
    def match_names(self) -> tuple[tuple[str, tuple[Words, ...]], ...]:
        """(printed form, normalised words) for the name, each alias and the derived acronym."""
        forms = [self.name, *self.aliases]
        derived = acronym(self.name)
        if len(derived) >= 3 and derived not in {normalize_name(f) for f in forms}:
            forms.append(derived.upper())
        return tuple((form, word_forms(form)) for form in forms)

    def course(self, course_id: str) -> Course | None:
        return next((c for c in self.courses if c.course_id == course_id), None)


@dataclass(frozen=True)
class Catalog:
    providers: tuple[Provider, ...] = ()

    def provider(self, provider_id: str) -> Provider | None:
        return next((p for p in self.providers if p.provider_id == provider_id), None)

    @property
    def course_count(self) -> int:
        return sum(len(p.courses) for p in self.providers)


@dataclass(frozen=True)
class RejectedRow:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str | None
    value: str
    problem: str

    def describe(self) -> str:
        where = f"row {self.row}" + (f", column {self.column}" if self.column else "")
        shown = f" ({self.value!r})" if self.value else ""
        return f"{where}{shown}: {self.problem}"


@dataclass(frozen=True)
class CatalogLoad:
    catalog: Catalog
    rejected: tuple[RejectedRow, ...] = ()
    rows_loaded: int = 0


def load_catalog(path: Path) -> CatalogLoad:
    """Read a catalog CSV file; see the module docstring for what is checked."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as e:
        raise CatalogInvalid(f"Catalog file {path} does not exist. Check the path.") from e
    except IsADirectoryError as e:
        raise CatalogInvalid(f"{path} is a folder; give the catalog CSV file.") from e
    except OSError as e:
        raise CatalogInvalid(f"Catalog file {path} cannot be read ({e.strerror}).") from e
    return parse_catalog(decode_catalog(data))


def decode_catalog(data: bytes) -> str:
    """CSV bytes as text; refuses binary files with a hint on how to export a CSV."""
    if not data.strip():
        raise CatalogInvalid(f"The catalog file is empty. Its first line must be: {HEADER_LINE}")
    for magic, kind in ((b"PK\x03\x04", "a ZIP or Excel workbook"), (b"%PDF", "a PDF")):
        if data.startswith(magic):
            raise CatalogInvalid(
                f"The catalog file is {kind}, not a CSV. Save it as 'CSV UTF-8 (comma "
                "delimited)' and import that file."
            )
    if b"\x00" in data[:8192]:
        raise CatalogInvalid(
            "The catalog file is binary (an image or a program file?), not CSV text. Export the "
            "catalog as 'CSV UTF-8 (comma delimited)' and import that file."
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise CatalogInvalid(
            f"The catalog file is not UTF-8 text (byte {e.start} cannot be read). Save it as "
            "'CSV UTF-8 (comma delimited)' and import it again."
        ) from e
    return text


def parse_catalog(text: str) -> CatalogLoad:
    """Parse catalog CSV text (e.g. an uploaded file's decoded bytes)."""
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        raise CatalogInvalid("The catalog file is binary, not CSV text. Export it as CSV UTF-8.")
    rows = [(number, row) for number, row in enumerate(csv.reader(io.StringIO(text)), 1) if row]
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    if not rows:
        raise CatalogInvalid(f"The catalog file is empty. Its first line must be: {HEADER_LINE}")
    columns = check_header(rows[0][1])
    builder = _CatalogBuilder()
    for number, row in rows[1:]:
        builder.add(number, row, columns)
    if builder.rows_loaded == 0:
        shown = "; ".join(r.describe() for r in builder.rejected[:5]) or "the file has no rows"
        raise CatalogInvalid(f"No catalog row could be loaded: {shown}. Fix the rows listed.")
    return CatalogLoad(builder.catalog(), tuple(builder.rejected), builder.rows_loaded)


def check_header(header: list[str]) -> list[str]:
    """The column names in file order; raises with the expected header line if wrong."""
    columns = [cell.strip().casefold() for cell in header]
    hint = ""
    if len(columns) == 1 and (";" in columns[0] or "\t" in columns[0]):
        hint = " The file seems to use ';' or tabs between columns; save it comma-separated."
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    problems = []
    if missing:
        problems.append("missing column(s): " + ", ".join(missing))
    if unknown:
        problems.append("unknown column(s): " + ", ".join(repr(c) for c in unknown))
    if repeated:
        problems.append("repeated column(s): " + ", ".join(repeated))
    if problems:
        raise CatalogInvalid(
            f"The catalog header is wrong ({'; '.join(problems)}). "
            f"The first line must be: {HEADER_LINE} (approval_year is optional).{hint}"
        )
    return columns


@dataclass
class _CatalogBuilder:
    """Accumulates good rows and checks each new row against the ones already accepted."""

    rejected: list[RejectedRow] = field(default_factory=list)
    rows_loaded: int = 0
    names: dict[str, tuple[str, int]] = field(default_factory=dict)  # provider id -> name, row
    ids_by_name: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, list[str]] = field(default_factory=dict)
    courses: dict[str, dict[str, tuple[str, str, float | None, int]]] = field(default_factory=dict)
    first_course: dict[str, tuple[str, str, float | None, int]] = field(default_factory=dict)
    years: dict[str, dict[int | None, int]] = field(default_factory=dict)  # course -> year -> row

    def add(self, number: int, row: list[str], columns: list[str]) -> None:
        if len(row) != len(columns):
            self.rejected.append(
                RejectedRow(
                    number,
                    None,
                    "",
                    f"has {len(row)} values but the header has {len(columns)} columns "
                    "(put double quotes around values that contain commas)",
                )
            )
            return
        values = {c: cell.strip() for c, cell in zip(columns, row, strict=True)}
        problems = check_values(number, values) or self.check_consistency(number, values)
        if problems:
            self.rejected.extend(problems)
            return
        self.accept(number, values)

    def check_consistency(self, number: int, values: dict[str, str]) -> list[RejectedRow]:
        pid, name, cid = values["provider_id"], values["provider_name"], values["course_id"]
        known = self.names.get(pid)
        if known and not _same_text(known[0], name):
            return [
                _bad(
                    number, "provider_name", name, f"{pid} is named {known[0]!r} on row {known[1]}"
                )
            ]
        other_id = self.ids_by_name.get(_key(name))
        if other_id is not None and other_id != pid:
            return [
                _bad(number, "provider_id", pid, f"{name!r} already has provider id {other_id}")
            ]
        first = self.first_course.get(cid)
        if first is not None:
            owner, title, ceus, row = first
            if owner != pid or not _same_text(title, values["course_title"]):
                detail = f"{owner} {title!r} on row {row}"
                return [_bad(number, "course_id", cid, f"course id already used for {detail}")]
            if ceus != _ceus(values):
                return [_bad(number, "ceus", values["ceus"], f"{cid} has {ceus} CEUs on row {row}")]
        year = _year(values)
        clash = _year_clash(self.years.get(cid, {}), year)
        if clash is not None:
            when = f"for {year}" if year is not None else "without a year"
            return [
                _bad(number, "course_id", cid, f"duplicate course id {when} (first on row {clash})")
            ]
        return []

    def accept(self, number: int, values: dict[str, str]) -> None:
        pid, cid = values["provider_id"], values["course_id"]
        self.names.setdefault(pid, (values["provider_name"], number))
        self.ids_by_name.setdefault(_key(values["provider_name"]), pid)
        known_aliases = self.aliases.setdefault(pid, [])
        for alias in values["aliases"].split(ALIAS_SEPARATOR):
            alias = alias.strip()
            if alias and _key(alias) not in {_key(a) for a in known_aliases}:
                known_aliases.append(alias)
        record = (pid, values["course_title"], _ceus(values), number)
        self.courses.setdefault(pid, {}).setdefault(cid, record)
        self.first_course.setdefault(cid, record)
        self.years.setdefault(cid, {})[_year(values)] = number
        self.rows_loaded += 1

    def catalog(self) -> Catalog:
        providers = []
        for pid, (name, _row) in self.names.items():
            courses = tuple(
                Course(cid, title, ceus, frozenset(y for y in self.years[cid] if y is not None))
                for cid, (_owner, title, ceus, _r) in self.courses[pid].items()
            )
            providers.append(Provider(pid, name, tuple(self.aliases[pid]), courses))
        return Catalog(tuple(providers))


def check_values(number: int, values: dict[str, str]) -> list[RejectedRow]:
    """Problems of one row taken alone: required values, id lengths, CEUs, year."""
    problems = []
    for column in ("provider_id", "provider_name", "course_id", "course_title"):
        if not values[column]:
            problems.append(_bad(number, column, "", f"{column} is missing"))
    for column in ("provider_id", "course_id"):
        if len(values[column]) > MAX_ID_LENGTH:
            problems.append(
                _bad(number, column, values[column][:20], "id longer than 64 characters")
            )
    if values["ceus"]:
        problem = _ceus_problem(values["ceus"])
        if problem:
            problems.append(_bad(number, "ceus", values["ceus"], problem))
    year_text = values.get("approval_year", "")
    if year_text and _year(values) is None:
        low, high = YEAR_RANGE
        problems.append(
            _bad(number, "approval_year", year_text, f"not a year between {low} and {high}")
        )
    return problems


def _ceus(values: dict[str, str]) -> float | None:
    return float(values["ceus"]) if values["ceus"] else None


def _ceus_problem(text: str) -> str | None:
    try:
        ceus = float(text)
    except ValueError:
        return "CEUs must be a number such as 0.8"
    if not 0 < ceus <= MAX_COURSE_CEUS:  # also false for nan
        return f"CEUs must be more than 0 and at most {MAX_COURSE_CEUS:g}"
    return None


def _year(values: dict[str, str]) -> int | None:
    text = values.get("approval_year", "")
    if not text.isdigit():
        return None
    year = int(text)
    return year if YEAR_RANGE[0] <= year <= YEAR_RANGE[1] else None


def _year_clash(seen: dict[int | None, int], year: int | None) -> int | None:
    """The row that already approves this course for ``year`` (a row without a year covers all)."""
    if year in seen:
        return seen[year]
    if seen and (year is None or None in seen):
        return min(seen.values())
    return None


def _bad(number: int, column: str, value: str, problem: str) -> RejectedRow:
    return RejectedRow(number, column, value, problem)


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def _same_text(a: str, b: str) -> bool:
    return _key(a) == _key(b)
