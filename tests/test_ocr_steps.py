"""The OCR-steps bench compares variants that each differ from the defaults in
one setting: a step off, or one threshold moved. A variant that turned two
steps off, or none, would credit a step with what another one buys."""

from __future__ import annotations

from typing import Any

import pytest

from bench.ocr_steps import QUICK_SWEEPS, STEPS, SWEEPS, Step, Variant, variants
from extractors import preprocess
from ingest.settings import Settings

DEFAULTS = Settings()
ALL = variants(DEFAULTS, SWEEPS)
STEP_OFF = [v for v in ALL if v.group == "step off"]
OTHERS = [v for v in ALL if v.group != "step off"]


def _settings(variant: Variant) -> Settings:
    overrides: dict[str, Any] = dict(variant.overrides)
    return Settings(**overrides)


def _off(variant: Variant) -> set[str]:
    settings = _settings(variant)
    return {s.name for s in STEPS if getattr(settings, s.setting) == s.off}


def _changed(variant: Variant) -> set[str]:
    settings = _settings(variant)
    return {
        name for name in Settings.model_fields if getattr(settings, name) != getattr(DEFAULTS, name)
    }


@pytest.mark.parametrize(
    ("variant", "step"), list(zip(STEP_OFF, STEPS, strict=True)), ids=[v.name for v in STEP_OFF]
)
def test_each_step_off_variant_turns_exactly_its_step_off(variant: Variant, step: Step) -> None:
    assert _off(variant) == {step.name}


@pytest.mark.parametrize("variant", OTHERS, ids=[v.name for v in OTHERS])
def test_the_default_and_the_sweeps_turn_no_step_off(variant: Variant) -> None:
    assert _off(variant) == set()


@pytest.mark.parametrize("variant", ALL[1:], ids=[v.name for v in ALL[1:]])
def test_every_variant_changes_one_setting(variant: Variant) -> None:
    assert len(_changed(variant)) == 1


@pytest.mark.parametrize("sweeps", [SWEEPS, QUICK_SWEEPS], ids=["full", "quick"])
def test_a_sweep_never_measures_the_default_twice(sweeps: dict[str, tuple[float, ...]]) -> None:
    names = [
        v.name
        for v in variants(DEFAULTS, {k: (*v, getattr(DEFAULTS, k)) for k, v in sweeps.items()})
    ]
    assert len(names) == len(set(names)) == 1 + len(STEPS) + sum(map(len, sweeps.values()))


@pytest.mark.parametrize("glyph", [4.0, 11.0, 20.0, 45.0, 90.0], ids=lambda g: f"{g:g}px")
def test_scaling_off_leaves_every_page_at_its_size(glyph: float) -> None:
    off = next(s.off for s in STEPS if s.name == "scaling")
    assert preprocess.text_scale(glyph, target_px=DEFAULTS.ocr_glyph_px, tolerance=off) == 1.0
