"""The packaged units in every new database, reports attached to their unit's code, and the history a
new commune inherits from the communes it was formed from."""

from __future__ import annotations

from contextlib import closing
from pathlib import Path

from sqlalchemy import func, select

from chitieu.gazetteer.packaged import OLD, gazetteer
from chitieu.gazetteer.resolve import province_of_unit
from chitieu.services.database import connect
from chitieu.services.ingest import ingest
from chitieu.services.units import ensure_reference_units, unit_view
from chitieu.store.database import open_database
from chitieu.store.schema import AdminUnit, AdminUnitLink, Document
from tests.conftest import SAMPLES


def test_a_new_database_holds_both_hierarchies_with_lineage(database_url: str) -> None:
    db = connect(database_url)
    try:
        with db.transaction() as session:
            def count(*where: object) -> int:
                return session.scalar(select(func.count()).select_from(AdminUnit).where(*where)) or 0

            old, new = AdminUnit.valid_from.is_(None), AdminUnit.valid_from == "2025-07-01"
            assert count(AdminUnit.level == "tinh", old, AdminUnit.valid_to == "2025-06-30") == 63
            assert count(AdminUnit.level == "tinh", new) == 34
            assert count(AdminUnit.level == "huyen", old) == 696
            assert count(AdminUnit.level == "xa", old) == 10035
            assert count(AdminUnit.level == "xa", new) == 3321
            assert count(AdminUnit.source == gazetteer().source) == 63 + 34 + 696 + 10035 + 3321
            without_lineage = session.scalar(select(func.count()).select_from(AdminUnit).where(
                new, AdminUnit.id.not_in(select(AdminUnitLink.successor_id))))
            assert without_lineage == 0  # every new commune and province knows what it was formed from
            orphans = count(AdminUnit.level != "tinh", AdminUnit.parent_id.is_(None))
            assert orphans == 0
        assert ensure_reference_units(db) == 0  # loaded once: a second connection adds nothing
    finally:
        db.close()


def test_every_sample_is_attached_to_its_old_districts_code(sqlite_url: str) -> None:
    summary = ingest([str(SAMPLES)], sqlite_url)
    assert summary.added == 5 and not summary.provisional_units
    # the codes the package gives these districts, looked up directly (not through the resolver)
    districts = {(u.name, province_of_unit(u).name): u.code for u in gazetteer().units
                 if u.era == OLD and u.level == "huyen"}
    expected = {"000": ("Mường Ảng", "Điện Biên"), "001": ("Tủa Chùa", "Điện Biên"), "002": ("Mường Tè", "Lai Châu"),
                "003": ("Tam Đường", "Lai Châu"), "004": ("Mường Tè", "Lai Châu")}
    with closing(open_database(sqlite_url)) as db, db.transaction() as session:
        for doc in session.scalars(select(Document)):
            unit = session.get(AdminUnit, doc.admin_unit_id)
            assert unit is not None
            assert (unit.code, unit.valid_to, unit.level) == (districts[expected[doc.file_name[:3]]], "2025-06-30",
                                                              "huyen"), doc.file_name


def test_a_merged_communes_figures_are_the_new_communes_history(sqlite_url: str, tmp_path: Path) -> None:
    g = gazetteer()
    # an old commune of Mường Tè that went whole, with another, into a new commune (from the package)
    mine = next(u for u in g.units
                if u.era == OLD and u.level == "xa" and u.parent_code == "107" and u.name == "Thu Lũm")
    [link] = [x for x in g.lineage if x.old_code == mine.code]
    partners = [x.old_code for x in g.lineage if x.new_code == link.new_code and x.old_code != mine.code]
    assert link.whole and partners
    report = tmp_path / "thu-lum.txt"
    report.write_text("ĐẢNG BỘ HUYỆN MƯỜNG TÈ\nĐẢNG ỦY XÃ THU LŨM\nThu Lũm, ngày 20 tháng 12 năm 2023\n"
                      "BÁO CÁO tình hình thực hiện nhiệm vụ năm 2023 của xã Thu Lũm, huyện Mường Tè, tỉnh Lai Châu\n"
                      "Năm 2023 tổng sản lượng lương thực có hạt đạt 1.250 tấn.\n", encoding="utf-8")
    assert ingest([str(report)], sqlite_url).added == 1
    db = connect(sqlite_url)
    try:
        with db.transaction() as session:
            doc = session.scalars(select(Document)).one()
            old = session.get(AdminUnit, doc.admin_unit_id)
            assert old is not None and (old.code, old.level, old.valid_to) == (mine.code, "xa", "2025-06-30")
            new = session.scalars(select(AdminUnit).where(AdminUnit.code == link.new_code,
                                                          AdminUnit.valid_from == "2025-07-01")).one()
        view = unit_view(db, new.id)
        assert view is not None and {u.code for u, _ in view.predecessors} == {mine.code, *partners}
        [line] = [h for h in view.history if h.indicator.id == "san_luong_luong_thuc"]
        assert (line.period, line.total, line.complete) == ("2023", 1250.0, False)  # the partner sent nothing
        [part] = line.parts
        assert (part.unit.code, part.value, part.document_id, part.share) == (mine.code, 1250.0, doc.id, 1.0)
        assert part.line is not None and "1.250" in doc.text.splitlines()[part.line - 1]
        district = unit_view(db, old.parent_id or 0)
        assert district is not None and any(n.id == new.id for _, n, _ in district.went_to)
    finally:
        db.close()


def test_an_ambiguous_commune_is_not_attached_silently(sqlite_url: str, tmp_path: Path) -> None:
    report = tmp_path / "tan-lap.txt"
    report.write_text("ĐẢNG ỦY XÃ TÂN LẬP\nTân Lập, ngày 20 tháng 12 năm 2023\nBÁO CÁO tình hình thực hiện nhiệm vụ "
                      "năm 2023 của xã Tân Lập\nNăm 2023 tổng sản lượng lương thực có hạt đạt 900 tấn.\n", "utf-8")
    summary = ingest([str(report)], sqlite_url)
    assert summary.added == 1 and summary.provisional_units == ["Tân Lập"]
    with closing(open_database(sqlite_url)) as db, db.transaction() as session:
        doc = session.scalars(select(Document)).one()
        unit = session.get(AdminUnit, doc.admin_unit_id)
        assert unit is not None and unit.provisional and unit.code is None
        from chitieu.store.schema import FindingRow

        [finding] = session.scalars(select(FindingRow).where(FindingRow.key == "ingest.unit_ambiguous")).all()
        assert "Tân Lập" in finding.message and finding.message.count("Xã Tân Lập (") > 5
