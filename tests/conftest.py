"""Shared fixtures: settings pointed at a temporary folder, sample locations."""

from __future__ import annotations

from pathlib import Path

import pytest

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
