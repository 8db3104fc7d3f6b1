"""The `chitieu` command (Typer + Rich). Thin: every command calls one service function."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from chitieu.messages import render
from chitieu.services.extraction import ExtractOutcome, extract_files

app = typer.Typer(add_completion=False, no_args_is_help=True, help="chitieu: số liệu chỉ tiêu từ báo cáo")


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


@app.callback()
def main() -> None:
    """chitieu: đọc báo cáo, trích xuất chỉ tiêu, đánh giá và kiểm tra số liệu."""


def _print_table(console: Console, outcome: ExtractOutcome) -> None:
    data = outcome.contract or {}
    meta = data.get("metadata", {})
    console.print(f"[bold]{render('cli.table.title', file=outcome.path)}[/bold]")
    console.print(render("cli.meta", unit=meta.get("unit_name"), level=meta.get("unit_level"),
                         province=meta.get("province"), kind=meta.get("doc_kind"),
                         period=meta.get("period"), plan=meta.get("plan_period")))
    table = Table(show_lines=False)
    for key in ("line", "indicator", "role", "value", "unit", "pct", "period"):
        table.add_column(render(f"cli.col.{key}"))
    for f in data.get("facts", []):
        value = f["value"] if f["value"] is not None else f"{f['low']}–{f['high']}"
        op = "" if f["op"] == "=" else f"{f['op']} "
        pct = f"{f['pct']}% ({f['pct_basis'] or ''})" if f.get("pct") is not None else ""
        table.add_row(str(f["line"]), (f["indicator"] or "")[:60], render(f"role.{f['role']}"),
                      f"{op}{value}", f["unit"] or "", pct, f.get("period") or "")
    console.print(table)
    console.print(render("cli.table.facts", count=len(data.get("facts", [])),
                         tables=len(data.get("tables", [])), findings=len(data.get("findings", []))))


@app.command("extract")
def extract_command(
    paths: Annotated[list[Path], typer.Argument(help="Tệp báo cáo (.docx, .doc, .pdf, .txt, .md)")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="json hoặc table")] = OutputFormat.JSON,
) -> None:
    """Trích xuất số liệu, bảng và thông tin văn bản; in theo định dạng hợp đồng JSON."""
    outcomes = extract_files(paths)
    console = Console()
    failed = 0
    for outcome in outcomes:
        if outcome.error_key:
            failed += 1
            typer.echo(render(outcome.error_key, **outcome.error_params), err=True)
            continue
        if output is OutputFormat.JSON:
            text = json.dumps(outcome.contract, ensure_ascii=False, indent=None if len(paths) > 1 else 1)
            sys.stdout.write(text + "\n")
        else:
            _print_table(console, outcome)
    if failed:
        typer.echo(render("cli.failed_count", count=failed), err=True)
        raise typer.Exit(code=2)


def _print_findings(console: Console, outcome: ExtractOutcome) -> None:
    findings = (outcome.contract or {}).get("findings", [])
    console.print(f"[bold]{render('cli.audit.title', file=outcome.path, count=len(findings))}[/bold]")
    table = Table(show_lines=False)
    for key in ("lines", "kind", "severity", "message"):
        table.add_column(render(f"cli.col.{key}"))
    for f in findings:
        table.add_row(", ".join(map(str, f["lines"])), render(f"finding.{f['kind']}"),
                      render(f"severity.{f['severity']}"), f["message"])
    console.print(table)


@app.command("audit")
def audit_command(
    paths: Annotated[list[Path], typer.Argument(help="Tệp báo cáo (.docx, .doc, .pdf, .txt, .md)")],
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="json hoặc table")] = OutputFormat.TABLE,
) -> None:
    """Kiểm tra số liệu: đánh giá sai, tỷ lệ sai, lời văn khác bảng, đánh số, và giữa các văn bản."""
    outcomes = extract_files(paths, cross_check=True)
    console = Console()
    failed = 0
    for outcome in outcomes:
        if outcome.error_key:
            failed += 1
            typer.echo(render(outcome.error_key, **outcome.error_params), err=True)
            continue
        if output is OutputFormat.JSON:
            data = {"source": outcome.path, "findings": (outcome.contract or {}).get("findings", [])}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            _print_findings(console, outcome)
    if failed:
        typer.echo(render("cli.failed_count", count=failed), err=True)
        raise typer.Exit(code=2)


def run() -> None:
    app()
