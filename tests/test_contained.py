"""Page previews and anything else run over an untrusted file stay in a contained child.

Real child processes from the fork server, real limits: a child that
allocates past its memory cap, one that outlives its time, one that
crashes; then a preview through the API whose renderer runs out of memory
or time, after which the same API process still answers.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.contained import run_contained
from ingest.errors import CertverifyError, ErrorCode
from ingest.settings import Settings
from tests.contained_targets import allocate, crash, linger, pid, refuse
from tests.service_fixtures import TRIVIAL_PDF, running_api


@pytest.mark.parametrize(
    ("target", "args", "timeout_s", "code"),
    [
        (allocate, (2048,), 60, ErrorCode.RESOURCE_LIMIT),
        (linger, (120.0,), 3, ErrorCode.PROCESSING_TIMEOUT),
        (crash, (), 60, ErrorCode.RESOURCE_LIMIT),
        (refuse, (), 60, ErrorCode.NOT_FOUND),
    ],
    ids=["past_the_memory_cap", "past_the_time_limit", "crashes", "refuses_with_its_error"],
)
def test_a_child_that_fails_becomes_an_error_here(
    target: object, args: tuple[object, ...], timeout_s: float, code: ErrorCode
) -> None:
    with pytest.raises(CertverifyError) as failed:
        run_contained(target, *args, timeout_s=timeout_s, memory_mb=1024)  # type: ignore[arg-type]
    assert failed.value.code is code


def test_the_work_runs_in_another_process() -> None:
    assert run_contained(pid, timeout_s=30, memory_mb=1024) != os.getpid()


def _read(tmp_path: Path, **limits: float) -> tuple[int, str, int]:
    """Preview a read PDF under ``limits``, then ask the same API process for its health."""
    with running_api(Settings(data_dir=tmp_path / "data", **limits)) as api:  # type: ignore[arg-type]
        document_id = api.upload(TRIVIAL_PDF).json()["id"]
        assert api.wait_for(document_id)["status"] == "done"
        answer = api.get(f"/v1/documents/{document_id}/pages/1.png")
        code = answer.json()["error"]["code"] if answer.status_code != 200 else "png"
        return answer.status_code, code, api.client.get("/healthz").status_code


@pytest.mark.parametrize(
    ("limits", "expected"),
    [
        ({}, (200, "png", 200)),
        ({"preview_memory_mb": 48}, (422, "resource_limit", 200)),
        ({"preview_timeout_s": 0.001}, (422, "processing_timeout", 200)),
    ],
    ids=["within_limits", "renderer_out_of_memory", "renderer_out_of_time"],
)
def test_a_preview_past_its_limits_costs_only_itself(
    tmp_path: Path, limits: dict[str, float], expected: tuple[int, str, int]
) -> None:
    assert _read(tmp_path, **limits) == expected
