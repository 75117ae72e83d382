"""Human-readable tables for the terminal."""

from __future__ import annotations

from rich.table import Table

from ingest.record import FIELD_NAMES, DocumentRecord


def records_table(records: list[DocumentRecord], *, include_text: bool = False) -> Table:
    table = Table(title="certverify extract", show_lines=True)
    table.add_column("file", overflow="fold", max_width=28)
    table.add_column("type")
    table.add_column("fields", overflow="fold")
    table.add_column("match / flags", overflow="fold")
    for record in records:
        if record.status != "ok" and record.error is not None:
            table.add_row(
                record.source,
                "[red]error[/red]",
                f"[red]{record.error.code}[/red]",
                record.error.message,
            )
            continue
        kind = str(record.document_type)
        if record.card_side:
            kind += f" ({record.card_side})"
        fields = record.fields.model_dump()
        shown = (
            "\n".join(
                f"{name}: {fields[name]}" for name in FIELD_NAMES if fields.get(name) is not None
            )
            or "[dim]no fields found[/dim]"
        )
        if include_text and record.text:
            shown += "\n---\n" + record.text[:600]
        match = record.match
        match_text = (
            f"{match.provider_id or '-'} / {match.course_id or '-'} "
            f"score {match.score:.0f} {'approved' if match.approved else 'not approved'}"
            if match
            else "no catalog match"
        )
        flags = "\n".join(f"[yellow]{f.code}[/yellow]" for f in record.flags)
        table.add_row(record.source, kind, shown, f"{match_text}\n{flags}".strip())
    return table
