"""Shared fixtures: settings pointed at a temporary folder, sample locations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from extractors.textindex import TextIndex
from ingest.model import Box, DocumentText, FileKind, Line, PageText, TextSource, TriageResult, Word
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from tests.locations import HOSTILE_DIR, SAMPLES_DIR
from tests.service_fixtures import *  # noqa: F403  (Redis, PostgreSQL, API and worker fixtures)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture(scope="session")
def hostile_dir() -> Path:
    return HOSTILE_DIR


@pytest.fixture(scope="session")
def catalog_path() -> Path:
    return SAMPLES_DIR / "catalog.csv"


@pytest.fixture(scope="session")
def sample_catalog(catalog_path: Path) -> Catalog:
    return load_catalog(catalog_path).catalog


@pytest.fixture(scope="session")
def index_of() -> Callable[..., TextIndex]:
    """A text-layer document with one line per argument, stacked in one column;
    a lone form feed ("\\f") starts the next page."""

    def page(number: int, lines: list[str]) -> PageText:
        built = []
        for row, text in enumerate(lines):
            words, x, y = [], 50.0, 40.0 + 20 * row
            for word in text.split():
                words.append(Word(word, Box(x, y, x + 6 * len(word), y + 12), 100))
                x += 6 * (len(word) + 1)
            built.append(Line(tuple(words)))
        return PageText(number, 612.0, 792.0, TextSource.TEXT_LAYER, tuple(built))

    def build(*lines: str) -> TextIndex:
        pages: list[PageText] = []
        current: list[str] = []
        for text in (*lines, "\f"):
            if text == "\f":
                pages.append(page(len(pages), current))
                current = []
            else:
                current.append(text)
        triage = TriageResult(FileKind.PDF, "0" * 64, 1, len(pages), "application/pdf")
        return TextIndex(DocumentText(triage, tuple(pages)))

    return build
