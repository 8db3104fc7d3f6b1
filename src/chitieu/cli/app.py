"""The `chitieu` command (Typer + Rich). Thin: every command calls one service function.

Services are imported by the command that uses them: `chitieu extract` on one file should not pay
for loading the database, web and export libraries; nor rich's tables and progress bars when it
prints JSON.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from chitieu.domain.errors import ChitieuError, ReadError
from chitieu.export.model import Layout
from chitieu.messages import render
from chitieu.settings import Settings, secret_key

if TYPE_CHECKING:
    from rich.console import Console

    from chitieu.services.database import Database
    from chitieu.services.extraction import ExtractOutcome

app = typer.Typer(add_completion=False, no_args_is_help=True, help="chitieu: số liệu chỉ tiêu từ báo cáo")


class OutputFormat(StrEnum):
    JSON = "json"
    TABLE = "table"


@app.callback()
def main() -> None:
    """chitieu: đọc báo cáo, trích xuất chỉ tiêu, đánh giá và kiểm tra số liệu."""


def _console() -> Console:
    from rich.console import Console

    return Console()


def _print_table(console: Console, outcome: ExtractOutcome) -> None:
    from rich.table import Table

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
    from chitieu.services.extraction import extract_files

    console: Console | None = None

    def show(outcome: ExtractOutcome) -> None:
        nonlocal console
        if output is OutputFormat.JSON:
            text = json.dumps(outcome.contract, ensure_ascii=False, indent=None if len(paths) > 1 else 1)
            sys.stdout.write(text + "\n")
        else:
            console = console or _console()
            _print_table(console, outcome)

    _each(extract_files(paths), show)


def _each(outcomes: list[ExtractOutcome], show: Callable[[ExtractOutcome], None]) -> None:
    """Show every readable outcome; name every unreadable file on stderr; exit 2 if there was one."""
    failed = 0
    for outcome in outcomes:
        if outcome.error_key:
            failed += 1
            typer.echo(render(outcome.error_key, **outcome.error_params), err=True)
        else:
            show(outcome)
    if failed:
        typer.echo(render("cli.failed_count", count=failed), err=True)
        raise typer.Exit(code=2)


def _print_findings(console: Console, outcome: ExtractOutcome) -> None:
    from rich.table import Table

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
    from chitieu.services.extraction import extract_files

    console: Console | None = None

    def show(outcome: ExtractOutcome) -> None:
        nonlocal console
        if output is OutputFormat.JSON:
            data = {"source": outcome.path, "findings": (outcome.contract or {}).get("findings", [])}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
        else:
            console = console or _console()
            _print_findings(console, outcome)

    _each(extract_files(paths, cross_check=True), show)

db_app = typer.Typer(help="Cơ sở dữ liệu", no_args_is_help=True)
units_app = typer.Typer(help="Đơn vị hành chính", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(units_app, name="units")
DbOption = Annotated[str | None, typer.Option("--db", help="URL cơ sở dữ liệu (mặc định: CHITIEU_DATABASE_URL)")]


def _fail(exc: ChitieuError) -> typer.Exit:
    """The refusal said in Vietnamese on stderr, and the exit status of a refusal."""
    typer.echo(render(exc.key, **exc.params), err=True)
    return typer.Exit(code=2)


@contextmanager
def _database(db: str | None) -> Iterator[Database]:
    """The database a command works on (--db, else the settings'), closed when the command ends."""
    from chitieu.services.database import opened

    with opened(Settings.load(db).database_url) as database:
        yield database


@db_app.command("upgrade")
def db_upgrade_command(db: DbOption = None) -> None:
    """Tạo hoặc nâng cấp lược đồ cơ sở dữ liệu lên phiên bản mới nhất."""
    from chitieu.services.database import upgrade_database

    settings = Settings.load(db)
    try:
        upgrade_database(settings.database_url)
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("db.upgraded", url=settings.database_url.split("@")[-1]))


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[str], typer.Argument(help="Tệp, thư mục hoặc mẫu glob")],
    db: DbOption = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Số tiến trình song song")] = 1,
    reextract: Annotated[bool, typer.Option("--reextract", help="Trích xuất lại văn bản của phiên bản cũ")] = False,
) -> None:
    """Đọc, trích xuất, đánh giá, kiểm tra và lưu báo cáo vào cơ sở dữ liệu."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

    from chitieu.services.ingest import expand_paths, ingest

    settings = Settings.load(db)
    console = Console(stderr=True)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(render("ingest.progress"), total=len(expand_paths(paths)))
        try:
            summary = ingest(paths, settings.database_url, jobs=jobs, reextract=reextract,
                             progress=lambda _path: bar.advance(task))
        except ChitieuError as exc:
            raise _fail(exc) from None
    for _path, message in summary.failures:
        typer.echo(render("ingest.failure", message=message), err=True)
    for name, stored in summary.duplicates:
        typer.echo(render("ingest.duplicate", file=name, stored=stored))
    if summary.provisional_units:
        typer.echo(render("ingest.provisional", units=", ".join(sorted(set(summary.provisional_units)))))
    typer.echo(render("ingest.summary", added=summary.added, reextracted=summary.reextracted,
                      unchanged=summary.unchanged, facts=summary.facts, findings=summary.findings,
                      failed=len(summary.failures)))
    if summary.failures:
        raise typer.Exit(code=2)


@units_app.command("import")
def units_import_command(file: Annotated[Path, typer.Argument(help="Tệp CSV danh mục đơn vị hành chính")],
                         db: DbOption = None) -> None:
    """Nhập danh mục đơn vị hành chính (mã, tên, cấp, mã cha, hiệu lực, mã tiền thân)."""
    from chitieu.services.units import import_units_file

    try:
        result = import_units_file(file, Settings.load(db).database_url)
    except ReadError as exc:
        raise _fail(exc) from None
    typer.echo(render("units.imported", added=result.added, updated=result.updated))


user_app = typer.Typer(help="Tài khoản", no_args_is_help=True)
app.add_typer(user_app, name="user")


class RoleChoice(StrEnum):
    ADMIN = "admin"
    EDITOR = "editor"
    VIEWER = "viewer"


@user_app.command("add")
def user_add_command(
    username: Annotated[str, typer.Argument(help="Tên đăng nhập")],
    role: Annotated[RoleChoice, typer.Option("--role", help="admin, editor hoặc viewer")] = RoleChoice.VIEWER,
    unit: Annotated[str | None, typer.Option("--unit", help="Đơn vị (tên hoặc mã) mà tài khoản biên tập phụ trách")]
    = None,
    password: Annotated[str | None, typer.Option("--password", help="Mật khẩu (bỏ trống để nhập)")] = None,
    db: DbOption = None,
) -> None:
    """Tạo tài khoản đăng nhập ứng dụng web."""
    from chitieu.services.accounts import add_user

    secret = password or typer.prompt(render("user.password_prompt"), hide_input=True, confirmation_prompt=True)
    try:
        with _database(db) as database:
            add_user(database, username, secret, role.value, unit)
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("user.added", user=username, role=render(f"role_name.{role.value}")))


token_app = typer.Typer(help="Mã truy cập API (Authorization: Bearer …)", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command("create")
def token_create_command(
    username: Annotated[str, typer.Argument(help="Tài khoản mà mã thay mặt")],
    name: Annotated[str, typer.Option("--name", help="Tên gợi nhớ (chương trình nào dùng mã)")] = "",
    db: DbOption = None,
) -> None:
    """Tạo mã truy cập API; mã chỉ hiện một lần, cơ sở dữ liệu chỉ giữ giá trị băm."""
    from chitieu.services.accounts import create_api_token

    try:
        with _database(db) as database:
            token_id, token = create_api_token(database, username, name)
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("token.created", id=token_id, user=username))
    typer.echo(token)


@token_app.command("revoke")
def token_revoke_command(token_id: Annotated[int, typer.Argument(help="Số của mã (chitieu token list)")],
                         db: DbOption = None) -> None:
    """Thu hồi một mã truy cập API: từ đó mã không mở được gì."""
    from chitieu.services.accounts import revoke_api_token

    try:
        with _database(db) as database:
            revoke_api_token(database, token_id)
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("token.revoked", id=token_id))


@token_app.command("list")
def token_list_command(db: DbOption = None) -> None:
    """Các mã truy cập API (không hiện mã, chỉ số, tài khoản, tên và trạng thái)."""
    from chitieu.services.accounts import api_tokens

    try:
        with _database(db) as database:
            tokens = api_tokens(database)
    except ChitieuError as exc:
        raise _fail(exc) from None
    for t in tokens:
        state = render("token.state_revoked") if t.revoked_at else render("token.state_live")
        typer.echo(f"{t.id}\t{t.username}\t{t.name}\t{t.created_at:%d/%m/%Y %H:%M}\t{state}")


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng")] = 8000,
    db: DbOption = None,
) -> None:
    """Chạy ứng dụng web (mặc định http://127.0.0.1:8000)."""
    import uvicorn

    from chitieu.web.app import create_app

    try:
        # the session cookie goes over HTTPS only, unless the app serves this machine alone
        web_app = create_app(Settings.load(db).database_url, secret_key(),
                             secure_cookies=host not in ("127.0.0.1", "localhost", "::1"))
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("serve.starting", host=host, port=port))
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


export_app = typer.Typer(help="Xuất biểu, dự thảo báo cáo và dữ liệu", no_args_is_help=True)
import_app = typer.Typer(help="Nhập dữ liệu từ hệ thống khác", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(import_app, name="import")
OutputFile = Annotated[Path, typer.Option("--output", "-o", help="Tệp ghi ra")]
UnitOption = Annotated[str, typer.Option("--unit", help="Đơn vị hành chính (tên hoặc mã)")]
PeriodOption = Annotated[str, typer.Option("--period", help="Kỳ: 2023, 2020-2025, 6T/2024…")]
TermOption = Annotated[str | None, typer.Option("--term", help="Nhiệm kỳ, ví dụ 2020-2025")]


class BieuFormat(StrEnum):
    XLSX = "xlsx"
    DOCX = "docx"


class NarrativeFormat(StrEnum):
    DOCX = "docx"
    MD = "md"


class DataFormat(StrEnum):
    CSV = "csv"
    JSON = "json"


@export_app.command("bieu")
def export_bieu_command(unit: UnitOption, period: PeriodOption, output: OutputFile, term: TermOption = None,
                        fmt: Annotated[BieuFormat, typer.Option("--format", "-f")] = BieuFormat.XLSX,
                        layout: Annotated[Layout | None, typer.Option("--layout", help="nd30 (UBND, HĐND) hoặc "
                                                                      "hd36 (cấp ủy Đảng)")] = None,
                        db: DbOption = None) -> None:
    """Biểu kết quả thực hiện các chỉ tiêu chủ yếu (Excel hoặc Word), đánh giá theo một quy tắc chung."""
    from chitieu.services import exports

    try:
        with _database(db) as database:
            data, _name = exports.bieu_file(database, unit, period, term, fmt.value, layout)
    except ChitieuError as exc:
        raise _fail(exc) from None
    output.write_bytes(data)
    typer.echo(render("bieu.written", file=str(output)))


@export_app.command("narrative")
def export_narrative_command(unit: UnitOption, period: PeriodOption, output: OutputFile, term: TermOption = None,
                             fmt: Annotated[NarrativeFormat, typer.Option("--format", "-f")] = NarrativeFormat.MD,
                             db: DbOption = None) -> None:
    """Dự thảo phần đánh giá kết quả thực hiện chỉ tiêu, theo từng lĩnh vực."""
    from chitieu.services import exports

    try:
        with _database(db) as database:
            data = exports.narrative_file(database, unit, period, term, fmt.value)
    except ChitieuError as exc:
        raise _fail(exc) from None
    output.write_bytes(data)
    typer.echo(render("bieu.written", file=str(output)))


@export_app.command("data")
def export_data_command(output: OutputFile, fmt: Annotated[DataFormat, typer.Option("--format", "-f")] = DataFormat.CSV,
                        db: DbOption = None) -> None:
    """Mục tiêu và kết quả (kèm nguồn) dạng CSV hoặc JSON."""
    from chitieu.services import exchange

    try:
        with _database(db) as database:
            records = exchange.observation_records(database)
    except ChitieuError as exc:
        raise _fail(exc) from None
    output.write_bytes(exchange.write_records(records, fmt.value))
    typer.echo(render("exchange.written", count=len(records), file=str(output)))


MappingOption = Annotated[Path, typer.Option("--mapping", help="Tệp ánh xạ TOML (chỉ tiêu, đơn vị → mã DHIS2)")]


@export_app.command("dhis2")
def export_dhis2_command(mapping: MappingOption, output: OutputFile, db: DbOption = None) -> None:
    """dataValueSets JSON cho DHIS2."""
    from chitieu.services import exchange

    try:
        with _database(db) as database:
            data, _skipped = exchange.export_dhis2(database, exchange.load_mapping(mapping))
    except ChitieuError as exc:
        raise _fail(exc) from None
    output.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    typer.echo(render("exchange.written", count=len(data["dataValues"]), file=str(output)))


@import_app.command("dhis2")
def import_dhis2_command(file: Annotated[Path, typer.Argument(help="Tệp dataValueSets JSON")],
                         mapping: MappingOption, db: DbOption = None) -> None:
    """Nhập dataValueSets JSON của DHIS2 (qua tệp ánh xạ)."""
    from chitieu.services import exchange

    try:
        with _database(db) as database:
            count, skipped = exchange.import_dhis2(database, file, exchange.load_mapping(mapping))
    except ChitieuError as exc:
        raise _fail(exc) from None
    typer.echo(render("exchange.imported", count=count, file=str(file), skipped=skipped))


def run() -> None:
    app()
