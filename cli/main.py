"""``certverify``: extract, and (with the service extras) serve and worker."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cli.audit_cmd import register as register_audit_command
from cli.render import records_table
from cli.service import register as register_service_commands
from ingest.errors import CertverifyError
from ingest.record import DocumentRecord
from ingest.settings import Settings
from matchers.catalog import Catalog, load_catalog
from pipeline.isolate import process_isolated
from pipeline.run import process_file

app = typer.Typer(no_args_is_help=True, add_completion=False)


@app.callback()
def _root() -> None:
    """certverify: reads CEU certificates and CPR/AED cards for NASM-CPT recertification."""


class OutputFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    JSONL = "jsonl"


def expand_paths(paths: list[Path]) -> Iterator[Path]:
    """Files as given; a folder stands for the files inside it, sorted."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")
            )
        else:
            yield path


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise typer.BadParameter(f"'{value}' is not a date; use YYYY-MM-DD.") from e


@app.command()
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or folders to read."),
    catalog: Path | None = typer.Option(None, help="Approved-provider catalog CSV."),
    as_of: str | None = typer.Option(None, "--as-of", help="Date for expiry checks, YYYY-MM-DD."),
    output_format: OutputFormat = typer.Option(OutputFormat.TABLE, "--format"),
    include_text: bool = typer.Option(False, "--include-text", help="Add all recognised text."),
    isolate: bool = typer.Option(True, help="Read each file in a child process with limits."),
) -> None:
    """Read certificates and CPR/AED cards and print what was found in them."""
    settings = Settings()
    as_of_date = parse_date(as_of)
    loaded_catalog = _load_catalog(catalog, settings)
    files = list(expand_paths(paths))
    run = process_isolated if isolate else process_file
    records: list[DocumentRecord] = []
    with _progress(output_format is OutputFormat.TABLE and len(files) > 1) as progress:
        task = progress.add_task("reading", total=len(files))
        for path in files:
            progress.update(task, description=path.name[:40])
            record = run(path, settings, catalog=loaded_catalog, as_of=as_of_date, source=str(path))
            records.append(record)
            if output_format is OutputFormat.JSONL:
                print(json.dumps(record.to_json_dict(include_text)), flush=True)
            progress.advance(task)
    if output_format is OutputFormat.JSON:
        print(json.dumps([r.to_json_dict(include_text) for r in records], indent=2))
    elif output_format is OutputFormat.TABLE:
        Console().print(records_table(records, include_text=include_text))
    raise typer.Exit(1 if any(r.status != "ok" for r in records) else 0)


def _load_catalog(path: Path | None, settings: Settings) -> Catalog | None:
    """The catalog CSV, bad rows reported on stderr as warnings; an unusable file stops here."""
    if path is None:
        return None
    try:
        loaded = load_catalog(path)
    except CertverifyError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e.message}", highlight=False)
        raise typer.Exit(2) from e
    warn = Console(stderr=True)
    for row in loaded.rejected:
        warn.print(f"[yellow]warning:[/yellow] catalog {row.describe()}", highlight=False)
    return loaded.catalog


def _progress(enabled: bool) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        disable=not enabled,
        transient=True,
    )


register_service_commands(app)
register_audit_command(app)

if __name__ == "__main__":  # pragma: no cover
    app()
