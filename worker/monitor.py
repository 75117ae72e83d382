"""The monitoring job: CPR/AED card and audit-case events, recorded once, then delivered.

``run_monitoring(as_of)`` looks at each trainer's stored records with
``audit.events.find_card_events``, records each event once (the notification
table is unique per trainer and event key, so a second run records nothing
new), closes the applications the draw did not select
(``store.cases.close_unselected``: accepted without audit when sent
complete, else sent to an auditor), adds the reminders of open audit cases
(``audit.reminders``), then delivers what is pending, or failed with attempts left, to the
configured channels (``worker.notify``).

A trainer without a profile is checked with the run date standing for the
certification's expiry: expired, soon-expiring and unreadable uploads are
still found; "expires before the certification" needs the real date.

Scheduling: with a queue, ``schedule_next`` puts one job per day (fixed job id
per date, so calling it from every process schedules it once) in rq's
scheduler, and each run schedules the next; in the embedded mode
``start_timer`` runs it in a thread of ``certverify serve``.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from audit.events import find_card_events
from audit.model import TrainerProfile
from audit.reminders import OpenCase, accepted_event, find_case_events
from ingest.settings import Settings
from store.cases import close_unselected, open_cases
from store.db import Database
from store.models import Notification
from store.notifications import (
    ChannelResult,
    claim_for_delivery,
    due_for_delivery,
    record_delivery,
    record_events,
)
from store.trainers import get_profile_row, profile_of, stored_records, trainer_ids
from worker.context import WorkerContext, context_for
from worker.notify import configured_channels

log = logging.getLogger(__name__)
JOB = "worker.monitor.monitoring_job"


@dataclass
class MonitoringReport:
    as_of: dt.date
    trainers: int = 0
    events: int = 0
    recorded: int = 0
    delivered: int = 0
    failed: int = 0
    accepted: int = 0  # applications not drawn for audit, accepted without one
    sent_to_review: int = 0  # applications not drawn but sent incomplete: a case opened
    channels: list[str] = field(default_factory=list)

    def to_json_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "as_of": self.as_of.isoformat()}


def run_monitoring(
    as_of: dt.date | None = None, settings: Settings | None = None
) -> MonitoringReport:
    """One pass over every trainer, then one delivery pass; safe to run again at any time."""
    ctx = context_for(settings)
    report = MonitoringReport(as_of=as_of or dt.datetime.now(dt.UTC).date())
    with ctx.db.session() as session:
        ids = trainer_ids(session)
    for trainer_id in ids:
        _check_trainer(ctx, trainer_id, report)
    _close_unselected(ctx, report)
    _check_cases(ctx, report)
    _deliver_pending(ctx, report)
    return report


def _profile(ctx: WorkerContext, trainer_id: str, as_of: dt.date) -> TrainerProfile:
    with ctx.db.session() as session:
        row = get_profile_row(session, trainer_id)
        if row is not None:
            return profile_of(row, ctx.settings)
    return TrainerProfile(name="", certification_expiry=as_of, cycle_start=as_of)


def _check_trainer(ctx: WorkerContext, trainer_id: str, report: MonitoringReport) -> None:
    profile = _profile(ctx, trainer_id, report.as_of)
    with ctx.db.session() as session:
        records = [s.record for s in stored_records(session, trainer_id, report.as_of)]
    events = find_card_events(records, profile, report.as_of, ctx.settings)
    report.trainers += 1
    report.events += len(events)
    if events:
        with ctx.db.write_session() as session:
            report.recorded += record_events(session, trainer_id, events)


def _close_unselected(ctx: WorkerContext, report: MonitoringReport) -> None:
    """Applications the draw did not select do not stay open: accepted, or to an auditor."""
    with ctx.db.write_session() as session:
        closing = close_unselected(session, report.as_of, ctx.settings)
        for submission in closing.accepted:
            event = accepted_event(submission.id, submission.submitted_at.date())
            report.events += 1
            report.recorded += record_events(session, submission.trainer_id, [event])
        report.accepted += len(closing.accepted)
        report.sent_to_review += len(closing.reviewed)


def _check_cases(ctx: WorkerContext, report: MonitoringReport) -> None:
    """Reminders of open audit cases as their due date nears, and the overdue ones."""
    with ctx.db.session() as session:
        cases = [OpenCase(c.id, c.trainer_id, c.due_on, c.status) for c in open_cases(session)]
    for trainer_id, events in find_case_events(cases, report.as_of, ctx.settings).items():
        report.events += len(events)
        with ctx.db.write_session() as session:
            report.recorded += record_events(session, trainer_id, events)


def payload_of(row: Notification) -> dict[str, Any]:
    """What a receiver gets: the event, whom it is about and the documents that show it."""
    return {
        "type": "certverify.notification",
        "notification_id": row.id,
        "trainer_id": row.trainer_id,
        "key": row.event_key,
        "kind": row.kind,
        "message": row.message,
        "documents": list(row.documents or ()),
        "date": row.event_date.isoformat() if row.event_date else None,
        "created_at": row.created_at.isoformat(),
    }


def _deliver_pending(ctx: WorkerContext, report: MonitoringReport) -> None:
    """Send outside any transaction (the network may be slow), then record the outcome."""
    channels = configured_channels(ctx.settings)
    report.channels = sorted(channels)
    if not channels:
        return
    lease_s = ctx.settings.lease_s
    with ctx.db.session() as session:
        due = due_for_delivery(session, ctx.settings.notification_max_attempts, lease_s)
    for row in due:
        with ctx.db.write_session() as session:
            if not claim_for_delivery(session, row.id, lease_s):
                continue  # another run is delivering it
        notification_id, payload, done = row.id, payload_of(row), set(row.channels_done.split())
        results: list[ChannelResult] = [
            send(payload, ctx.settings) for name, send in channels.items() if name not in done
        ]
        with ctx.db.write_session() as session:
            recorded = record_delivery(session, notification_id, results)
        if recorded is not None and recorded.status == "delivered":
            report.delivered += 1
        else:
            report.failed += 1


def monitoring_job() -> dict[str, Any]:
    """The rq entry point: today's run, then tomorrow's is scheduled."""
    ctx = context_for(None)
    try:
        return run_monitoring(settings=ctx.settings).to_json_dict()
    finally:
        schedule_next(ctx.settings)


def next_run(settings: Settings, now: dt.datetime) -> dt.datetime:
    """The next ``monitor_hour_utc`` o'clock after ``now``."""
    at = now.astimezone(dt.UTC).replace(
        hour=settings.monitor_hour_utc, minute=0, second=0, microsecond=0
    )
    return at if at > now else at + dt.timedelta(days=1)


def schedule_next(settings: Settings, now: dt.datetime | None = None) -> str | None:
    """Schedule the next daily run in rq's scheduler, once per date; its job id, or None."""
    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    if not settings.redis_url:
        return None
    at = next_run(settings, now or dt.datetime.now(dt.UTC))
    job_id = f"{settings.queue_name}-monitor-{at:%Y%m%d}"
    try:
        redis = Redis.from_url(settings.redis_url, socket_connect_timeout=2, socket_timeout=5)
        try:
            Job.fetch(job_id, connection=redis)
            return job_id  # already scheduled (or ran) for that date
        except NoSuchJobError:
            pass
        queue = Queue(settings.queue_name, connection=redis)
        queue.enqueue_at(at, JOB, job_id=job_id, job_timeout=settings.job_timeout_s)
    except RedisError:
        log.warning("could not schedule the monitoring job", exc_info=True)
        return None
    return job_id


def start_timer(settings: Settings, stop: threading.Event) -> threading.Thread:
    """The embedded mode's scheduler: a daemon thread running the job every interval."""

    def loop() -> None:
        Database(settings).dispose()  # the schema is migrated before the first run
        delay = settings.monitor_first_delay_s
        while not stop.wait(delay):
            delay = settings.monitor_interval_s
            try:
                log.info("monitoring: %s", run_monitoring(settings=settings).to_json_dict())
            except Exception:  # the database may be down; the next round tries again
                log.warning("monitoring run failed", exc_info=True)

    thread = threading.Thread(target=loop, name="certverify-monitor", daemon=True)
    thread.start()
    return thread
