from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from chitieu.cli.app import app
from tests.conftest import GOLD, SAMPLES

ROOT = Path(__file__).resolve().parents[2]
runner = CliRunner()


def test_json_output_follows_the_contract() -> None:
    result = runner.invoke(app, ["extract", str(SAMPLES / "002_7403cd4725ee3072.txt")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"metadata", "tables", "facts", "findings"}
    assert data["metadata"]["unit_name"] == "Mường Tè"
    fact = next(f for f in data["facts"] if f["line"] == 32)
    assert (fact["value"], fact["unit"], fact["pct"], fact["pct_basis"]) == (17501, "tấn", 99.4, "ke_hoach")
    row = next(r for t in data["tables"] for r in t["rows"] if r["tt"] == "3.1")
    assert row["values"]["Kế hoạch năm 2023"] == {"op": ">", "value": 17600, "low": None, "high": None,
                                                  "text": None}


def test_several_files_give_one_object_per_line(tmp_path: Path) -> None:
    paths = [str(p) for p in sorted(SAMPLES.glob("*.txt"))[:2]]
    result = runner.invoke(app, ["extract", *paths])
    assert result.exit_code == 0
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 2
    assert all(json.loads(ln)["facts"] for ln in lines)


def test_bad_file_is_reported_in_vietnamese_and_the_batch_goes_on(tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    good = SAMPLES / "004_3c726b15bfe483dc.txt"
    result = runner.invoke(app, ["extract", str(bad), str(good)])
    assert result.exit_code == 2
    assert "hong.docx" in result.stderr
    assert "bị hỏng" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert json.loads(result.stdout.strip())["metadata"]["unit_name"] == "Mường Tè"


def test_missing_file(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "khong-co.txt")])
    assert result.exit_code == 2
    assert "Không tìm thấy" in result.stderr


def test_table_format() -> None:
    result = runner.invoke(app, ["extract", "--format", "table", str(SAMPLES / "004_3c726b15bfe483dc.txt")])
    assert result.exit_code == 0
    assert "Mường Tè" in result.stdout


def test_installed_command_scores_on_the_seeds() -> None:
    """The real console script, scored by the shared scorer; the bars guard what is reached today."""
    chitieu = Path(sys.executable).parent / "chitieu"
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests/data/eval/score.py"), "--gold", str(GOLD), "--docs", str(SAMPLES),
         "--cmd", f"{chitieu} extract --format json {{path}}", "--json",
         "--min", "facts_f1=0.93", "--min", "strict_f1=0.90", "--min", "rows_recall=0.99",
         "--min", "row_values_accuracy=0.96",
         "--min", "metadata_accuracy=0.95", "--min", "facts_unit_accuracy=0.95",
         "--min", "facts_pct_accuracy=0.90"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(proc.stdout.splitlines()[0])["failures"] == 0


def test_audit_command_lists_findings_in_vietnamese() -> None:
    result = runner.invoke(app, ["audit", "--format", "json", str(SAMPLES / "002_7403cd4725ee3072.txt")])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    wrong = next(f for f in data["findings"] if f["lines"] == [330])
    assert wrong["kind"] == "status_wrong"
    assert "Không đạt" in wrong["message"]
    table = runner.invoke(app, ["audit", str(SAMPLES / "002_7403cd4725ee3072.txt")])
    assert table.exit_code == 0
    assert "Đánh giá sai" in table.stdout


def test_ingest_command_and_an_unreachable_database(tmp_path: Path, sqlite_url: str) -> None:
    url = sqlite_url
    result = runner.invoke(app, ["ingest", str(SAMPLES / "004_3c726b15bfe483dc.txt"), "--db", url])
    assert result.exit_code == 0, result.output
    assert "Đã nhập 1 văn bản mới" in result.stdout
    bad = runner.invoke(app, ["ingest", str(SAMPLES), "--db", "postgresql+psycopg://x@127.0.0.1:1/none"])
    assert bad.exit_code == 2
    assert "Không mở được cơ sở dữ liệu" in bad.stderr and "Traceback" not in bad.output


def test_extract_on_a_text_file_loads_no_library_it_does_not_use() -> None:
    """`chitieu extract` on a .txt starts fast: no database, web, Word, Excel, PDF, gazetteer-package or
    learning library is imported for it (each costs tens of milliseconds of a half-second start)."""
    code = ("import sys, io, contextlib\n"
            "from chitieu.cli.app import app\n"
            f"sys.argv = ['chitieu', 'extract', {str(SAMPLES / '004_3c726b15bfe483dc.txt')!r}]\n"
            "try:\n"
            "    with contextlib.redirect_stdout(io.StringIO()):\n"
            "        app()\n"
            "except SystemExit as done:\n"
            "    assert not done.code, done.code\n"
            "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    loaded = set(out.stdout.split())
    assert "chitieu" in loaded
    unused = {"sqlalchemy", "alembic", "psycopg", "fastapi", "starlette", "uvicorn", "jinja2", "openpyxl", "docx",
              "lxml", "pdfplumber", "pypdf", "sklearn", "vietnamadminunits", "vietnam_provinces", "plotly", "rich"}
    assert loaded & unused == set()
