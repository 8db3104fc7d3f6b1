from __future__ import annotations

from contextlib import closing
from datetime import datetime

from chitieu.catalog.model import by_id
from chitieu.evaluate.vintages import Candidate, choose, disagree
from chitieu.services.browse import roll_up, series_with_predecessors, shown_values
from chitieu.store.database import Database, open_database
from chitieu.store.indicators import IndicatorRecord, sync_indicators
from chitieu.store.schema import AdminUnit, AdminUnitLink, Correction, Document, Observation

NOW = datetime(2024, 1, 1)


def _unit(db: Database, name: str, level: str, parent: int | None = None) -> int:
    with db.transaction() as s:
        unit = AdminUnit(name=name, name_folded=name.lower(), level=level, parent_id=parent, aliases=[])
        s.add(unit)
        s.flush()
        return unit.id


def _value(db: Database, unit: int, value: float, *, period: str = "2023", estimate: bool = False,
           draft: bool = False, indicator: str = "san_luong_luong_thuc", role: str = "actual") -> int:
    with db.transaction() as s:
        doc = Document(content_hash=f"h{unit}-{value}-{period}-{estimate}-{draft}", file_name="x.txt", format="txt",
                       admin_unit_id=unit, draft=draft, meta={}, text="", extractor_version="1", ingested_at=NOW)
        s.add(doc)
        s.flush()
        obs = Observation(document_id=doc.id, indicator_id=indicator, admin_unit_id=unit, raw_name="x", period=period,
                          role=role, op="=", value=value, unit=by_id()[indicator].unit, estimate=estimate,
                          source="text", line=1,
                          quote="")
        s.add(obs)
        s.flush()
        return obs.id


def _db(url: str) -> Database:
    db = open_database(url)
    with db.transaction() as s:
        sync_indicators(s, [IndicatorRecord("san_luong_luong_thuc", "Sản lượng", "tấn", "kinh_te", "higher", "sum"),
                            IndicatorRecord("ty_le_ho_ngheo", "Tỷ lệ hộ nghèo", "%", "van_hoa_xa_hoi", "lower",
                                            "mean")])
    return db


def test_vintage_rule() -> None:
    early_final = Candidate(1, 100, corrected=False, estimate=False, draft=False, document_order=1)
    late_estimate = Candidate(2, 110, corrected=False, estimate=True, draft=False, document_order=2)
    late_draft = Candidate(3, 120, corrected=False, estimate=False, draft=True, document_order=3)
    corrected = Candidate(4, 90, corrected=True, estimate=True, draft=True, document_order=0)
    assert choose([early_final, late_estimate]) == early_final
    assert choose([early_final, late_draft]) == early_final
    assert choose([early_final, late_estimate, late_draft, corrected]) == corrected
    later = choose([Candidate(5, 1, False, False, False, 1), Candidate(6, 2, False, False, False, 2)])
    assert later is not None and later.observation_id == 6
    assert disagree([early_final, late_estimate]) and not disagree([early_final])


def test_shown_value_and_disagreement(database_url: str) -> None:
    with closing(_db(database_url)) as db:
        district = _unit(db, "Mường Tè", "huyen")
        _value(db, district, 17000, estimate=True)
        final = _value(db, district, 17501)
        [shown] = shown_values(db, indicator_id="san_luong_luong_thuc")
        assert (shown.value, shown.observation_id, shown.sources, shown.disputed) == (17501, final, 2, True)
        with db.transaction() as s:
            s.add(Correction(observation_id=final, field="value", old_value="17501", new_value="17510",
                             reason="sửa theo biểu", created_at=NOW))
        [corrected] = shown_values(db, indicator_id="san_luong_luong_thuc")
        assert corrected.value == 17510


def test_roll_up_and_series_across_a_merger(database_url: str) -> None:
    with closing(_db(database_url)) as db:
        province = _unit(db, "Lai Châu", "tinh")
        a, b = _unit(db, "Huyện A", "huyen", province), _unit(db, "Huyện B", "huyen", province)
        _value(db, a, 10)
        _value(db, b, 20)
        _value(db, a, 3.0, indicator="ty_le_ho_ngheo")
        _value(db, b, 5.0, indicator="ty_le_ho_ngheo")
        assert roll_up(db, province, "san_luong_luong_thuc", "2023") == 30
        assert roll_up(db, province, "ty_le_ho_ngheo", "2023") == 4.0
        merged = _unit(db, "Xã Mới", "xa")
        with db.transaction() as s:
            s.add_all([AdminUnitLink(predecessor_id=a, successor_id=merged),
                       AdminUnitLink(predecessor_id=b, successor_id=merged)])
        _value(db, merged, 31, period="2026")
        series = series_with_predecessors(db, merged, "san_luong_luong_thuc")
        assert [v.value for v in series[""]] == [31]
        assert [v.value for v in series["Huyện A"]] == [10] and [v.value for v in series["Huyện B"]] == [20]
