from __future__ import annotations

import shutil
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import func, select

from chitieu.services.database import stored_counts
from chitieu.services.ingest import expand_paths, ingest
from chitieu.services.units import import_units_file
from chitieu.store.database import open_database
from chitieu.store.schema import AdminUnit, AdminUnitLink, Document, FindingRow, Observation
from tests.conftest import SAMPLES


def test_ingest_twice_changes_nothing(database_url: str) -> None:
    first = ingest([str(SAMPLES)], database_url)
    assert (first.added, first.unchanged, first.failures) == (5, 0, [])
    counts = stored_counts(database_url)
    second = ingest([str(SAMPLES)], database_url)
    assert (second.added, second.unchanged) == (0, 5)
    assert stored_counts(database_url) == counts
    assert counts["documents"] == 5 and counts["observations"] > 2000 and counts["findings"] > 20


def test_same_queries_give_the_same_answers(database_url: str) -> None:
    ingest([str(SAMPLES / "002_7403cd4725ee3072.txt")], database_url)
    with closing(open_database(database_url)) as db, db.transaction() as session:
        rice = session.scalars(select(Observation).where(Observation.indicator_id == "san_luong_luong_thuc",
                                                         Observation.source == "table")
                               .order_by(Observation.line, Observation.period, Observation.role)).all()
        assert [(o.line, o.role, o.period, o.op, o.value) for o in rice] == [
            (330, "actual", "2023", "=", 17501.0), (330, "plan", "2023", ">", 17600.0),
            (330, "plan", "2024", "=", 17650.0)]
        doc = session.scalars(select(Document)).one()
        assert doc.meta["unit_name"] == "Mường Tè"
        assert session.get(AdminUnit, doc.admin_unit_id) is not None


def test_a_bad_file_is_skipped_and_nothing_is_half_written(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "hong.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    shutil.copy(SAMPLES / "004_3c726b15bfe483dc.txt", tmp_path / "good.txt")
    summary = ingest([str(tmp_path)], database_url)
    assert summary.added == 1
    assert [name for name, _ in summary.failures] == [str(bad)]
    assert "hỏng" in summary.failures[0][1]
    assert stored_counts(database_url)["documents"] == 1


def test_parallel_jobs_store_every_document_once(database_url: str) -> None:
    summary = ingest([str(SAMPLES), str(SAMPLES / "*.txt")], database_url, jobs=2)
    assert summary.added == 5
    with closing(open_database(database_url)) as db, db.transaction() as session:
        assert session.scalar(select(func.count(func.distinct(Document.content_hash)))) == 5


def test_units_import_with_lineage(database_url: str, tmp_path: Path) -> None:
    csv_file = tmp_path / "units.csv"
    csv_file.write_text(
        "ma,ten,cap,ma_cha,hieu_luc_tu,hieu_luc_den,ma_tien_than\n"
        "T1,Tỉnh Cũ A,tỉnh,,,2025-06-30,\n"
        "T2,Tỉnh Cũ B,tỉnh,,,2025-06-30,\n"
        "T9,Tỉnh Mới,tỉnh,,2025-07-01,,T1;T2\n"
        "H1,Huyện Một,huyện,T1,,2025-06-30,\n", encoding="utf-8")
    result = import_units_file(csv_file, database_url)
    assert (result.added, result.updated) == (4, 0)
    again = import_units_file(csv_file, database_url)
    assert (again.added, again.updated) == (0, 4)
    with closing(open_database(database_url)) as db, db.transaction() as session:
        new = session.scalars(select(AdminUnit).where(AdminUnit.code == "T9")).one()
        links = session.scalars(select(AdminUnitLink).where(AdminUnitLink.successor_id == new.id)).all()
        assert len(links) == 2
        district = session.scalars(select(AdminUnit).where(AdminUnit.code == "H1")).one()
        assert district.parent_id is not None and not district.provisional


def test_expand_paths_folders_and_globs(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.docx").write_bytes(b"")
    (tmp_path / "a" / "notes.png").write_bytes(b"")
    (tmp_path / "y.txt").write_text("y")
    assert expand_paths([str(tmp_path), str(tmp_path / "*.txt")]) == [tmp_path / "a" / "x.docx", tmp_path / "y.txt"]


def test_unknown_units_are_created_provisional_and_reported(database_url: str, tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("HUYỆN ỦY NẬM NGHIỆP\nBÁO CÁO tình hình thực hiện nhiệm vụ năm 2023 của huyện Nậm Nghiệp, "
                      "tỉnh Lai Châu\nTổng sản lượng lương thực đạt 12.000 tấn.\n", encoding="utf-8")
    summary = ingest([str(report)], database_url)
    assert summary.provisional_units == ["Nậm Nghiệp"]
    with closing(open_database(database_url)) as db, db.transaction() as session:
        unit = session.scalars(select(AdminUnit).where(AdminUnit.name == "Nậm Nghiệp")).one()
        assert unit.provisional and unit.code is None
        packaged = session.scalars(select(AdminUnit).where(AdminUnit.name == "Mường Tè",
                                                           AdminUnit.level == "huyen")).one()
        assert not packaged.provisional and packaged.code == "107" and packaged.source is not None


def test_two_reports_that_disagree_each_get_a_finding_naming_the_other(database_url: str, tmp_path: Path) -> None:
    head = "HUYỆN ỦY MƯỜNG TÈ\nBÁO CÁO tình hình thực hiện nhiệm vụ năm 2023 của huyện Mường Tè, tỉnh Lai Châu\n"
    (tmp_path / "a.txt").write_text(head + "Năm 2023 tổng sản lượng lương thực có hạt đạt 17.501 tấn.\n", "utf-8")
    first = ingest([str(tmp_path / "a.txt")], database_url)
    (tmp_path / "b.txt").write_text(head + "Năm 2023 tổng sản lượng lương thực có hạt đạt 17.650 tấn.\n", "utf-8")
    second = ingest([str(tmp_path / "b.txt")], database_url)
    assert second.findings == first.findings + 1
    with closing(open_database(database_url)) as db, db.transaction() as session:
        rows = session.scalars(select(FindingRow).where(FindingRow.kind == "cross_document")
                               .order_by(FindingRow.document_id)).all()
        # the first report learns of the second too: what is found does not depend on the order
        assert [r.params["other"] for r in rows] == ["b.txt", "a.txt"]
        assert "ghi 17.501, văn bản" in rows[0].message and "ghi 17.650." in rows[0].message
        assert "ghi 17.650, văn bản" in rows[1].message and "ghi 17.501." in rows[1].message


def test_staff_corrections_survive_a_reextraction(database_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from chitieu.store.schema import Correction

    sample = str(SAMPLES / "002_7403cd4725ee3072.txt")
    ingest([sample], database_url)
    with closing(open_database(database_url)) as db, db.transaction() as session:
        rice = session.scalars(select(Observation).where(Observation.indicator_id == "san_luong_luong_thuc",
                                                         Observation.value == 17501)).first()
        assert rice is not None
        key = (rice.source, rice.line, rice.role)
        session.add(Correction(observation_id=rice.id, field="value", old_value="17501", new_value="17650",
                               reason="niên giám", created_at=datetime(2026, 1, 1)))
        session.add(Correction(observation_id=rice.id, field="period", old_value=rice.period, new_value="2022",
                               reason="nhầm năm", created_at=datetime(2026, 1, 2)))
        rice.period = "2022"
        gone = session.scalars(select(Observation).where(Observation.value == 132998)).first()
        assert gone is not None
        session.add(Correction(observation_id=gone.id, field="value", old_value="132998", new_value="1",
                               reason="x", created_at=datetime(2026, 1, 3)))
        gone.value = 132999  # stands for a figure the next extractor reads differently
    monkeypatch.setattr("chitieu.services.ingest.EXTRACTOR_VERSION", "next")
    summary = ingest([sample], database_url, reextract=True)
    assert summary.reextracted == 1
    with closing(open_database(database_url)) as db, db.transaction() as session:
        carried = session.execute(select(Observation, Correction).join(
            Correction, Correction.observation_id == Observation.id)).all()
        assert {(c.field, c.new_value) for _, c in carried} == {("value", "17650"), ("period", "2022")}
        assert all((o.source, o.line, o.role) == key and o.period == "2022" for o, _ in carried)
        lost = session.scalars(select(FindingRow).where(FindingRow.key == "store.corrections_lost")).all()
        assert [f.params["count"] for f in lost] == [1] and "1 sửa đổi" in lost[0].message
