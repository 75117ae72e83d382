"""Prometheus metrics: upload counters here, the rest read at scrape time.

Workers may run on other machines, so job figures (documents by status,
failures by code, queue wait and processing time) are read from the database
and the queue when scraped, not counted in this process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select

from store.models import Document, DocumentStatus

UPLOAD_REGISTRY = CollectorRegistry()
UPLOADS = Counter("certverify_uploads", "Uploads by result", ["result"], registry=UPLOAD_REGISTRY)
UPLOAD_SECONDS = Histogram(
    "certverify_upload_seconds", "Time to accept an upload", registry=UPLOAD_REGISTRY
)
_RECENT = 500


class StoreCollector:
    """Documents by status, failures by code, queue depth, job stage durations."""

    def __init__(self, services: Any) -> None:
        self.services = services

    def collect(self) -> Iterator[Metric]:
        svc = self.services
        by_status = GaugeMetricFamily(
            "certverify_documents", "Documents by status", labels=["status"]
        )
        failures = GaugeMetricFamily(
            "certverify_failures", "Failed documents by error code", labels=["code"]
        )
        stages = GaugeMetricFamily(
            "certverify_job_stage_seconds",
            f"Job time by stage over the last {_RECENT} finished documents",
            labels=["stage", "quantile"],
        )
        with svc.db.session() as session:
            for status, count in session.execute(
                select(Document.status, func.count()).group_by(Document.status)
            ):
                by_status.add_metric([status], count)
            for code, count in session.execute(
                select(Document.error_code, func.count())
                .where(Document.status == DocumentStatus.FAILED)
                .group_by(Document.error_code)
            ):
                failures.add_metric([code or "unknown"], count)
            recent = session.execute(
                select(Document.created_at, Document.started_at, Document.finished_at)
                .where(Document.finished_at.is_not(None))
                .order_by(Document.finished_at.desc())
                .limit(_RECENT)
            ).all()
        for stage, values in stage_durations(recent).items():
            for quantile, value in quantiles(values).items():
                stages.add_metric([stage, quantile], value)
        yield by_status
        yield failures
        yield stages
        depth = svc.dispatcher.depth()
        if depth is not None:
            queue = GaugeMetricFamily("certverify_queue_depth", "Jobs waiting in the queue")
            queue.add_metric([], depth)
            yield queue


def stage_durations(rows: Any) -> dict[str, list[float]]:
    waits: list[float] = []
    processing: list[float] = []
    for created, started, finished in rows:
        if started is not None:
            waits.append(_seconds(started - created))
            if finished is not None:
                processing.append(_seconds(finished - started))
    return {"queue_wait": waits, "processing": processing}


def _seconds(delta: dt.timedelta) -> float:
    return max(0.0, delta.total_seconds())


def quantiles(values: list[float]) -> dict[str, float]:
    if not values:
        return {}
    ordered = sorted(values)
    pick = {
        q: ordered[min(len(ordered) - 1, int(float(q) * len(ordered)))] for q in ("0.5", "0.99")
    }
    return pick
