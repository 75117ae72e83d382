"""Service commands: serve, worker, keys, people, reconcile, migrate, monitor."""

from __future__ import annotations

import json
import logging
import threading

import typer
from rich.console import Console
from rich.table import Table

from ingest.errors import CertverifyError
from ingest.settings import Settings, check_deployment
from store.db import Database
from store.keys import create_key, list_keys, revoke_key
from store.models import Role
from store.people import add_person

keys_app = typer.Typer(no_args_is_help=True, help="API keys: create, list, revoke.")
people_app = typer.Typer(no_args_is_help=True, help="People who sign in to the pages by e-mail.")


def register(app: typer.Typer) -> None:
    app.command()(serve)
    app.command()(worker)
    app.command()(reconcile)
    app.command()(migrate)
    app.command()(monitor)
    app.add_typer(keys_app, name="keys")
    app.add_typer(people_app, name="people")


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000),
    workers: int = typer.Option(1, help="Server processes."),
) -> None:
    """Run the HTTP API (uvicorn)."""
    import uvicorn

    from worker.monitor import schedule_next, start_timer

    logging.basicConfig(level=logging.INFO)
    settings = Settings()
    try:
        check_deployment(settings)
    except CertverifyError as e:
        console = Console(stderr=True, soft_wrap=True)
        console.print(f"[red]error:[/red] {e.message}", highlight=False)
        raise typer.Exit(2) from e
    if settings.redis_url:
        schedule_next(settings)  # the workers' rq scheduler runs it
    else:
        start_timer(settings, threading.Event())
    uvicorn.run("api.asgi:app", factory=True, host=host, port=port, workers=workers)


def worker(
    burst: bool = typer.Option(False, help="Exit when the queue is empty."),
    name: str | None = typer.Option(None, help="Worker name (unique per host)."),
) -> None:
    """Run a queue worker (needs CERTVERIFY_REDIS_URL)."""
    from worker.main import run_worker
    from worker.monitor import schedule_next

    logging.basicConfig(level=logging.INFO)
    settings = Settings()
    if not burst:
        schedule_next(settings)  # the daily monitoring run, once per date whoever asks
    run_worker(settings, burst=burst, name=name)


def reconcile() -> None:
    """Re-enqueue documents left queued or processing by a lost job."""
    from store.dispatch import make_dispatcher
    from store.reconcile import reconcile as run_reconcile

    settings = Settings()
    if not settings.redis_url:
        Console(stderr=True).print(
            "No CERTVERIFY_REDIS_URL: in the embedded mode the API reconciles by itself."
        )
        raise typer.Exit(2)
    db = Database(settings)
    report = run_reconcile(
        db,
        make_dispatcher(settings),
        lease_s=settings.lease_s,
        queued_stale_s=settings.queued_stale_s,
        first_pending=settings.fair_first_pending,
    )
    print(
        json.dumps(
            {
                "checked": report.checked,
                "requeued": report.requeued,
                "still_alive": report.still_alive,
                "queue_unavailable": report.queue_unavailable,
            }
        )
    )
    raise typer.Exit(1 if report.queue_unavailable else 0)


def migrate() -> None:
    """Apply database migrations (every service command also does this on start)."""
    Database(Settings()).dispose()
    print("database is up to date")


def monitor(
    as_of: str | None = typer.Option(None, "--as-of", help="Date to check, YYYY-MM-DD."),
) -> None:
    """Run the CPR/AED monitoring job once: record new events, deliver pending notifications."""
    from cli.main import parse_date
    from worker.monitor import run_monitoring

    settings = Settings()
    Database(settings).dispose()  # migrations first
    report = run_monitoring(parse_date(as_of), settings)
    print(json.dumps(report.to_json_dict()))
    raise typer.Exit(1 if report.failed else 0)


@keys_app.command("create")
def keys_create(
    role: Role = typer.Option(..., help="trainer, auditor or admin."),
    name: str = typer.Option(..., help="Who or what holds the key."),
    trainer: str | None = typer.Option(None, help="The trainer id (trainer keys only)."),
) -> None:
    """Create an API key and print it once (only its hash is stored)."""
    db = Database(Settings())
    try:
        with db.session() as session:
            row, clear = create_key(session, name=name, role=role, trainer_id=trainer)
            key_id = row.id
    except CertverifyError as e:
        Console(stderr=True).print(f"[red]{e.message}[/red]")
        raise typer.Exit(2) from e
    Console(stderr=True).print(f"Key {key_id} ({role}) created. It is shown only this once:")
    print(clear)


@keys_app.command("list")
def keys_list() -> None:
    """List keys (prefix, role, trainer; never the key itself)."""
    db = Database(Settings())
    table = Table("id", "prefix", "name", "role", "trainer", "created", "revoked")
    with db.session() as session:
        for row in list_keys(session):
            table.add_row(
                row.id,
                row.prefix + "…",
                row.name,
                row.role,
                row.trainer_id or "",
                row.created_at.isoformat(timespec="seconds"),
                row.revoked_at.isoformat(timespec="seconds") if row.revoked_at else "",
            )
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(key_id: str = typer.Argument(..., help="The key's id (see `keys list`).")) -> None:
    """Revoke a key; requests with it then answer 401."""
    db = Database(Settings())
    with db.session() as session:
        done = revoke_key(session, key_id)
    if not done:
        Console(stderr=True).print(f"No active key {key_id}.")
        raise typer.Exit(1)
    print(f"revoked {key_id}")


@people_app.command("add")
def people_add(
    email: str = typer.Option(..., help="Where sign-in links go."),
    name: str = typer.Option(..., help="The person's name, as pages and trails show it."),
    role: Role = typer.Option(..., help="trainer, auditor or admin."),
    trainer: str | None = typer.Option(None, help="The trainer id (trainers only)."),
) -> None:
    """Add a person; they sign in by asking for a link on the sign-in page."""
    db = Database(Settings())
    try:
        with db.session() as session:
            person = add_person(session, email=email, name=name, role=role, trainer_id=trainer)
            print(f"{person.id} {person.email} ({person.role})")
    except CertverifyError as e:
        Console(stderr=True).print(f"[red]{e.message}[/red]")
        raise typer.Exit(2) from e
