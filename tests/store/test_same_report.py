"""A report already stored is recognised by its content, whatever file it comes in: nothing new is
stored, the user is told which stored file it is, and no document is compared with itself."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import func, select

from chitieu.services.ingest import ingest
from chitieu.store.database import open_database
from chitieu.store.schema import Document, FindingRow, Observation
from tests.conftest import SAMPLES
from tests.docx_builder import text_to_docx


def test_the_docx_of_a_stored_txt_report_stores_nothing_new(tmp_path: Path, sqlite_url: str) -> None:
    url = sqlite_url
    txt = SAMPLES / "002_7403cd4725ee3072.txt"
    first = ingest([str(txt)], url)
    assert first.added == 1
    docx = tmp_path / "bao-cao.docx"
    docx.write_bytes(text_to_docx(txt.read_text(encoding="utf-8")))
    with closing(open_database(url)) as db, db.transaction() as s:
        before = (s.scalar(select(func.count()).select_from(Observation)),
                  s.scalar(select(func.count()).select_from(FindingRow)))
    again = ingest([str(docx)], url)
    assert again.added == 0 and again.duplicates == [("bao-cao.docx", txt.name)]
    with closing(open_database(url)) as db, db.transaction() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 1
        after = (s.scalar(select(func.count()).select_from(Observation)),
                 s.scalar(select(func.count()).select_from(FindingRow)))
    assert after == before


def test_another_report_of_the_same_unit_is_stored(tmp_path: Path, sqlite_url: str) -> None:
    url = sqlite_url
    summary = ingest([str(SAMPLES / "002_7403cd4725ee3072.txt"), str(SAMPLES / "004_3c726b15bfe483dc.txt")], url)
    assert summary.added == 2 and summary.duplicates == []


def test_a_value_implausible_in_its_indicators_unit_is_a_finding(tmp_path: Path, sqlite_url: str) -> None:
    url = sqlite_url
    report = tmp_path / "bao-cao.txt"
    report.write_text("UBND HUYỆN THỬ\nBÁO CÁO tình hình năm 2023\nBIỂU KẾT QUẢ\n"
                      "TT\tChỉ tiêu\tĐVT\tKế hoạch năm 2023\tThực hiện năm 2023\n"
                      "1\tTỷ lệ hộ được sử dụng điện lưới quốc gia\t%\t95\t113\n", encoding="utf-8")
    summary = ingest([str(report)], url)
    assert summary.added == 1
    with closing(open_database(url)) as db, db.transaction() as s:
        found = s.scalars(select(FindingRow.key)).all()
    assert "store.implausible_value" in found


def test_within_one_ingest_each_report_stored_is_recognised_in_its_other_file(tmp_path: Path,
                                                                              sqlite_url: str) -> None:
    """The reports an ingest has stored are kept in memory to compare the next ones with (services/twins.py):
    a later file of the same report is still recognised, another report still stored."""
    first, second = SAMPLES / "002_7403cd4725ee3072.txt", SAMPLES / "004_3c726b15bfe483dc.txt"
    folder = tmp_path / "r"
    folder.mkdir()
    for k, sample in enumerate((first, second)):
        text = sample.read_text(encoding="utf-8")
        (folder / f"{2 * k}-bao-cao.txt").write_text(text, encoding="utf-8")
        (folder / f"{2 * k + 1}-bao-cao.docx").write_bytes(text_to_docx(text))
    summary = ingest([str(folder)], sqlite_url)
    assert summary.added == 2
    assert summary.duplicates == [("1-bao-cao.docx", "0-bao-cao.txt"), ("3-bao-cao.docx", "2-bao-cao.txt")]
