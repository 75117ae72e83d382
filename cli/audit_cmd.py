"""``certverify audit``: read a trainer's uploads and score the application's audit readiness.

Extraction runs inline, one isolated child process per file as in ``certverify
extract``; the rules then run over the records. Documents are named by their
path in the output (the rules name them by content hash, which the service
keeps; a terminal user knows the paths).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any

import typer
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from audit.model import Readiness, Severity, TrainerProfile
from audit.readiness import assess
from ingest.record import DocumentRecord
from ingest.settings import Settings
from pipeline.isolate import process_isolated


class AuditFormat(StrEnum):
    TABLE = "table"
    JSON = "json"


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)


def audit(
    paths: list[Path] = typer.Argument(..., help="The trainer's uploads: files or folders."),
    trainer_name: str = typer.Option(..., "--trainer-name", help="Name on the certification."),
    cert_expiry: str = typer.Option(..., "--cert-expiry", help="Expiration date, YYYY-MM-DD."),
    as_of: str | None = typer.Option(None, "--as-of", help="Submission date (default today)."),
    catalog: Path | None = typer.Option(None, help="Approved-provider catalog CSV."),
    output_format: AuditFormat = typer.Option(AuditFormat.TABLE, "--format"),
    other_name: list[str] = typer.Option([], "--other-name", help="Another name (repeatable)."),
    recertify_for_life: bool = typer.Option(False, help="Enrolled in Recertify for Life."),
) -> None:
    """Check a recertification application: CEUs, CPR/AED card, deadline; exit 1 if not ready."""
    from cli.main import _load_catalog, _progress, expand_paths, parse_date

    settings = Settings()
    expiry = parse_date(cert_expiry)
    if expiry is None:  # a required option; this only narrows the type
        raise typer.BadParameter("Give the certification's expiry date, YYYY-MM-DD.")
    on = parse_date(as_of) or dt.date.today()
    profile = TrainerProfile.for_cycle(
        name=trainer_name,
        certification_expiry=expiry,
        settings=settings,
        other_names=tuple(other_name),
        recertify_for_life=recertify_for_life,
    )
    loaded_catalog = _load_catalog(catalog, settings)
    files = list(expand_paths(paths))
    records: list[DocumentRecord] = []
    with _progress(output_format is AuditFormat.TABLE and len(files) > 1) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            progress.update(task, description=path.name[:40])
            records.append(
                process_isolated(path, settings, catalog=loaded_catalog, as_of=on, source=str(path))
            )
            progress.advance(task)
    result = assess(records, profile, on, settings, loaded_catalog)
    if output_format is AuditFormat.JSON:
        print(json.dumps(audit_json(result, records), indent=2))
    else:
        Console().print(audit_view(result, records))
    raise typer.Exit(0 if result.ready else 1)


def _names(records: Sequence[DocumentRecord]) -> dict[str, str]:
    return {(r.sha256 or r.source): r.source for r in records}


def audit_json(result: Readiness, records: Sequence[DocumentRecord]) -> dict[str, Any]:
    """The stable JSON of ``certverify audit --format json``, documents named by path."""
    names = _names(records)
    data = result.to_json_dict()
    for part in (data["flags"], data["checklist"], [data["cpr_aed"]]):
        for item in part:
            item["documents"] = [names.get(doc, doc) for doc in item["documents"]]
    for entry in data["entries"]:
        entry["document"] = names.get(entry["document"], entry["document"])
    return data


def _summary(result: Readiness) -> Panel:
    verdict = "[green]READY[/green]" if result.ready else "[red]NOT READY[/red]"
    card = result.cpr_aed
    card_text = "[green]valid[/green]" if card.valid else "[red]not valid[/red]"
    fees = ", ".join(f"{fee.kind} ${fee.amount_usd}" for fee in result.deadline.fees) or "none"
    lines = [
        f"{verdict}   score {result.score}/100   as of {result.as_of}",
        f"CEUs counted: {result.total_ceus:.2f} of {result.required_ceus:.2f}",
        f"CPR/AED: {card_text} (front {'yes' if card.front else 'no'}, back "
        f"{'yes' if card.back else 'no'}, expires {card.expiry_date or 'unknown'})",
        f"  judged: {escape(card.judged)}",
        *(f"  not judged: {escape(', '.join(o.sources))}: {escape(o.reason)}" for o in card.others),
        f"Deadline: {result.deadline.state} ({result.deadline.days_after_expiry:+d} days); "
        f"fees: {fees}",
    ]
    return Panel("\n".join(lines), title="certverify audit")


def _entries_table(result: Readiness, names: dict[str, str]) -> Table:
    table = Table(title="CEU entries", show_lines=False)
    for column in ("document", "provider / course", "CEUs", "completed", "area", "category", ""):
        table.add_column(column, overflow="fold")
    for verdict in result.entries:
        e = verdict.entry
        area = f"{e.area.area} ({e.area.confidence:.0%})" if e.area.area else "-"
        counted = "[green]counted[/green]" if verdict.counted else "; ".join(verdict.reasons)
        table.add_row(
            names.get(e.document, e.document),
            f"{e.provider or '-'}\n{e.course or '-'}",
            f"{e.ceus:.2f}",
            str(e.completion_date or "-"),
            area,
            str(e.category),
            counted,
        )
    return table


def _checks_table(result: Readiness) -> Table:
    table = Table(title="Checklist")
    for column in ("", "item", "points", "why"):
        table.add_column(column, overflow="fold")
    for item in result.checklist:
        mark = "[green]✓[/green]" if item.passed else "[red]✗[/red]"
        table.add_row(mark, item.label, f"{item.points:g}/{item.max_points:g}", item.why)
    return table


def _flags_table(result: Readiness, names: dict[str, str]) -> Table:
    table = Table(title="Flags")
    for column in ("severity", "code", "message", "documents"):
        table.add_column(column, overflow="fold")
    for flag in result.flags:
        color = "red" if flag.severity is Severity.BLOCKING else "yellow"
        docs = "\n".join(names.get(d, d) for d in flag.documents)
        table.add_row(f"[{color}]{flag.severity}[/{color}]", flag.code, flag.message, docs)
    return table


def audit_view(result: Readiness, records: Sequence[DocumentRecord]) -> Group:
    names = _names(records)
    parts: list[Any] = [_summary(result), _checks_table(result)]
    if result.entries:
        parts.append(_entries_table(result, names))
    if result.flags:
        parts.append(_flags_table(result, names))
    return Group(*parts)
