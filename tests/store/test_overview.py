"""The dashboard's numbers from stored values: the rulebook's verdict, and progress toward the term
target by the trajectory rule, with its calculation kept."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import insert

from chitieu.services.ingest import seed
from chitieu.services.overview import overview
from chitieu.store.database import Database, open_database
from chitieu.store.schema import AdminUnit, Document, Observation


@pytest.fixture
def db(tmp_path: Path) -> Database:
    database = open_database(f"sqlite:///{tmp_path / 'o.sqlite3'}")
    seed(database)
    return database


def _store(db: Database, unit_name: str, rows: list[tuple[str, str, str, float, str]]) -> int:
    """rows: (indicator, period, role, value, op)"""
    with db.transaction() as s:
        unit = AdminUnit(name=unit_name, name_folded=unit_name.lower(), level="xa", provisional=False, aliases=[])
        s.add(unit)
        s.flush()
        doc = Document(content_hash=unit_name, file_name=f"{unit_name}.txt", format="txt", admin_unit_id=unit.id,
                       meta={}, text="", extractor_version="t", ingested_at=datetime(2024, 1, 1))
        s.add(doc)
        s.flush()
        s.execute(insert(Observation), [
            {"document_id": doc.id, "indicator_id": ind, "admin_unit_id": unit.id, "raw_name": ind, "period": per,
             "role": role, "op": op, "value": value, "estimate": False, "source": "table", "line": 1, "quote": ""}
            for ind, per, role, value, op in rows])
        return unit.id


def test_progress_toward_the_term_target(db: Database) -> None:
    unit = _store(db, "Xã Thử", [
        ("thu_nhap_binh_quan", "2020-2025", "target", 45.0, ">="),
        ("thu_nhap_binh_quan", "2020", "actual", 30.0, "="),
        ("thu_nhap_binh_quan", "2023", "actual", 36.0, "="),
        ("thu_nhap_binh_quan", "2023", "plan", 35.0, "="),
        ("ty_le_ho_ngheo", "2020-2025", "target", 10.0, "<="),
        ("ty_le_ho_ngheo", "2020", "actual", 20.0, "="),
        ("ty_le_ho_ngheo", "2023", "actual", 9.5, "="),
    ])
    data = overview(db, unit, "2023")
    lines = {line.indicator.id: line for _, items in data.groups for line in items}
    income = lines["thu_nhap_binh_quan"]
    assert income.status == "vuot" and income.achievement and income.achievement.pct == pytest.approx(36 / 35 * 100)
    assert income.term_achievement and income.term_achievement.pct == pytest.approx(80.0)
    assert income.trajectory and income.trajectory.progress.value == "moderate"
    assert "(36 / 30)^(1/3) - 1" in income.trajectory.record
    poverty = lines["ty_le_ho_ngheo"]
    assert poverty.trajectory and poverty.trajectory.progress.value == "target_met"
    assert poverty.series == [("2020", 20.0), ("2023", 9.5)]


def test_a_value_in_a_unit_of_another_kind_is_not_shown_as_the_indicator(db: Database) -> None:
    unit = _store(db, "Xã Khác", [("dao_tao_nghe", "2023", "plan", 1000.0, "=")])
    with db.transaction() as s:
        doc = s.query(Document).filter(Document.admin_unit_id == unit).one()
        s.execute(insert(Observation), [{"document_id": doc.id, "indicator_id": "dao_tao_nghe",
                                         "admin_unit_id": unit, "raw_name": "", "period": "2023", "role": "actual",
                                         "op": "=", "value": 36.0, "unit": "%", "estimate": False,
                                         "source": "table", "line": 2, "quote": ""}])
        s.query(Observation).filter(Observation.role == "plan").update({"unit": "người"})
    line = next(x for _, items in overview(db, unit, "2023").groups for x in items)
    assert line.goal is not None and line.goal.number == 1000 and line.goal.value.unit == "người"
    assert line.actual is None and line.status == "khong_co_so_lieu"  # 36 % are not trained workers


def test_values_are_shown_in_the_indicators_unit(db: Database) -> None:
    unit = _store(db, "Xã Tiền", [("giai_ngan_von_dau_tu", "2023", "actual", 132998.0, "=")])
    with db.transaction() as s:
        s.query(Observation).update({"unit": "triệu đồng"})
    line = next(x for _, items in overview(db, unit, "2023").groups for x in items)
    assert line.actual is not None and line.actual.value.unit == "tỷ đồng"
    assert line.actual.number == 132.998


def test_a_rate_beyond_what_is_plausible_is_not_shown(db: Database) -> None:
    unit = _store(db, "Xã Điện", [("ban_co_dien", "2023", "plan", 95.0, "="),
                                  ("ban_co_dien", "2023", "actual", 113.0, "=")])
    line = next(x for _, items in overview(db, unit, "2023").groups for x in items)
    assert line.goal is not None and line.actual is None  # '113/118 bản' read in a row of percentages


def test_in_the_last_year_of_a_term_its_target_is_the_goal(db: Database) -> None:
    unit = _store(db, "Xã Nhiệm Kỳ", [("thu_nhap_binh_quan", "2020-2025", "target", 35.0, "="),
                                      ("thu_nhap_binh_quan", "2025", "actual", 39.0, "="),
                                      ("thu_nhap_binh_quan", "2024", "actual", 34.0, "=")])
    last = next(x for _, items in overview(db, unit, "2025").groups for x in items)
    assert last.goal is not None and last.goal.number == 35 and last.status == "vuot"
    before = next(x for _, items in overview(db, unit, "2024").groups for x in items)
    assert before.goal is None and before.term_goal is not None  # a year before the end is not judged by it
