"""Certificates from providers the catalog does not list, named the ways look-alikes of
approved providers are made (``bench.lookalikes``), are matched to no approved provider;
the approved names printed the same way are."""

from __future__ import annotations

import pytest

from bench import lookalikes
from bench.options import SAMPLES
from matchers.catalog import Catalog, load_catalog


@pytest.fixture(scope="module")
def sample_catalog() -> Catalog:
    return load_catalog(SAMPLES / "catalog.csv").catalog


@pytest.mark.parametrize("rule", list(lookalikes.RULES), ids=list(lookalikes.RULES))
def test_look_alikes_match_no_approved_provider(sample_catalog: Catalog, rule: str) -> None:
    make = lookalikes.RULES[rule]
    names = [n for p in sample_catalog.providers if (n := make(p.name)) is not None]
    matched = [
        f"{name} ({place})"
        for name in sorted(set(names))
        for place, rows in lookalikes.pages(name).items()
        if lookalikes.matched(sample_catalog, rows) is not None
    ]
    assert matched == []


def test_approved_names_printed_the_same_ways_are_matched(sample_catalog: Catalog) -> None:
    missed = [
        f"{provider.name} ({place})"
        for provider in sample_catalog.providers
        for place, rows in lookalikes.pages(provider.name).items()
        if lookalikes.matched(sample_catalog, rows) != provider.provider_id
    ]
    assert missed == []
