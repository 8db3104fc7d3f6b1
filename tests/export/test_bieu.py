"""The Biểu: judged by the rulebook, grouped and numbered, written as Excel and Word, and read back
by chitieu's own readers with the same values."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import load_workbook

from chitieu.domain.errors import ChitieuError
from chitieu.domain.extraction import RowExtraction
from chitieu.export.docx import write_docx
from chitieu.export.model import Bieu, Layout
from chitieu.export.narrative import write_markdown
from chitieu.export.xlsx import write_xlsx
from chitieu.extract.pipeline import extract_document
from chitieu.read.document import read_bytes
from chitieu.services.bieu import build_bieu
from chitieu.store.database import Database


@pytest.fixture
def bieu(sample_db: Database) -> Bieu:
    return build_bieu(sample_db, "Mường Tè", "2023")


def test_statuses_come_from_the_rulebook(bieu: Bieu) -> None:
    grain = next(r for r in bieu.rows if r.indicator_id == "san_luong_luong_thuc")
    # the report prints 'Đạt' for 17.501 tấn against a plan of over 17.600 tấn
    assert (grain.goal, grain.actual, grain.status) == ("> 17.600", "17.501", "khong_dat")
    assert grain.pct == pytest.approx(99.4375)
    assert grain.goal_value is None and grain.actual_value == 17501  # only plain figures become numbers


def test_the_bieu_is_the_reports_own_table_judged(bieu: Bieu) -> None:
    """Mường Tè's annual report has its own table of the year's plan and results: the Biểu is that
    table, in its order, with its numbering, units and values, and the next year's plan it gives."""
    assert bieu.source == "002_7403cd4725ee3072.txt" and bieu.next_goal_label == "Kế hoạch năm 2024"
    numbered = [r.tt for r in bieu.rows if r.tt]
    assert numbered[:6] == ["1", "2", "3", "3.1", "3.2", "3.3"] and "11.2" in numbered
    group = next(r for r in bieu.rows if r.tt == "3")
    assert group.group and group.name.startswith("Các chỉ tiêu nông nghiệp")
    party = next(r for r in bieu.rows if r.tt == "11.2")  # a row no catalogue indicator measures
    assert (party.goal, party.actual, party.status) == ("15 - 20", "20", "dat")
    grain = next(r for r in bieu.rows if r.tt == "3.1")
    assert grain.next_goal == "17.650" and grain.note == "Báo cáo ghi: Đạt"  # the report says met, it is not
    schools = next(r for r in bieu.rows if r.name.startswith("Tỷ lệ Trường học"))
    assert schools.goal == "duy trì 101" and "Báo cáo ghi: 100" in schools.note


def test_without_a_table_of_its_own_groups_are_numbered_with_roman_numerals(sample_db: Database) -> None:
    bieu = build_bieu(sample_db, "Mường Tè", "2023", term="2020-2025")
    assert bieu.source == ""
    groups = [r for r in bieu.rows if r.group]
    assert [g.tt for g in groups] == ["I", "II", "III", "IV", "V"][: len(groups)]
    assert groups[0].name == "KINH TẾ"
    after_second = bieu.rows[bieu.rows.index(groups[1]) + 1]
    assert after_second.tt == "1"
    assert all(r.status for r in bieu.indicator_rows)


def test_unknown_unit_or_period_is_a_clear_error(sample_db: Database) -> None:
    with pytest.raises(ChitieuError) as unit:
        build_bieu(sample_db, "Không Có", "2023")
    assert unit.value.key == "user.unknown_unit"
    with pytest.raises(ChitieuError) as period:
        build_bieu(sample_db, "Mường Tè", "1999")
    assert period.value.key == "bieu.no_period" and "2023" in str(period.value.params["periods"])


def _read_back(data: bytes, name: str) -> dict[str, RowExtraction]:
    extraction = extract_document(read_bytes(data, name))
    table = max(extraction.tables, key=lambda t: len(t.rows))
    return {r.name: r for r in table.rows if r.kind == "indicator"}


def _same(written: float, row: RowExtraction, column: str) -> bool:
    q = next(q for header, q in row.values.items() if header.startswith(column))
    return q.value is not None and (abs(q.value - written) < 1e-6 or any(abs(a - written) < 1e-6
                                                                         for a in q.alternatives))


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_round_trip_through_our_own_readers(bieu: Bieu, fmt: str) -> None:
    data = write_xlsx(bieu) if fmt == "xlsx" else write_docx(bieu)
    rows = _read_back(data, f"bieu.{fmt}")
    assert len(rows) == len(bieu.indicator_rows)
    checked = 0
    for written in bieu.indicator_rows:
        row = rows[written.name]
        assert row.tt == written.tt and row.unit == written.unit
        if written.goal_value is not None:
            assert _same(written.goal_value, row, "Kế hoạch"), (written.name, row.values)
            checked += 1
        if written.actual_value is not None:
            assert _same(written.actual_value, row, "Thực hiện"), (written.name, row.values)
            checked += 1
    assert checked > 40


def test_excel_has_real_numbers_formats_frozen_header_and_print_setup(bieu: Bieu) -> None:
    ws = load_workbook(io.BytesIO(write_xlsx(bieu))).active
    assert ws is not None
    header = [c.value for c in ws[5]]
    assert header[0] == "TT" and header[-1] == "Ghi chú"
    assert header[5] == "Kế hoạch năm 2024"  # the next year's plan, as the report's own table has it
    grain = next(row for row in ws.iter_rows(min_row=6) if row[1].value == "Tổng sản lượng lương thực")
    assert grain[4].value == 17501 and grain[4].data_type == "n"  # a number, not text
    assert grain[4].number_format == "#,##0.###" and grain[6].number_format == "#,##0.00"
    # a goal with a comparator is a number too, the comparator in its display format
    assert grain[3].value == 17600 and grain[3].data_type == "n" and grain[3].number_format == '"> "#,##0.###'
    assert grain[5].value == "17.650" and grain[7].value == "Không đạt"
    assert ws.freeze_panes == "A6"
    assert ws.print_title_rows == "$5:$5"
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "landscape"  # 9: A4
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage


@pytest.mark.parametrize("layout,motto,absent", [(Layout.ND30, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "ĐẢNG CỘNG SẢN"),
                                                 (Layout.HD36, "ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI")])
def test_word_layouts(sample_db: Database, layout: Layout, motto: str, absent: str) -> None:
    from docx import Document

    doc = Document(io.BytesIO(write_docx(build_bieu(sample_db, "Mường Tè", "2023", layout=layout))))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (297, 210)  # A4 landscape
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)  # stored in twips
    header_block, table = doc.tables
    header_text = "\n".join(c.text for c in header_block.rows[0].cells)
    assert motto in header_text and absent not in header_text
    if layout is Layout.HD36:
        assert "ĐẢNG BỘ TỈNH LAI CHÂU" in header_text and "HUYỆN ỦY MƯỜNG TÈ" in header_text
    else:
        assert "ỦY BAN NHÂN DÂN HUYỆN MƯỜNG TÈ" in header_text
    xml = zipfile.ZipFile(io.BytesIO(write_docx(build_bieu(sample_db, "Mường Tè", "2023", layout=layout)))).read(
        "word/document.xml").decode()
    assert xml.count("<w:tblHeader") == 1  # the header row repeats on every page
    assert "Times New Roman" in xml
    assert [c.text for c in table.rows[0].cells][-1] == "Ghi chú"


def test_narrative_in_the_documents_own_style(bieu: Bieu) -> None:
    text = write_markdown(bieu).decode()
    assert "Tổng sản lượng lương thực đạt 17.501 tấn, bằng 99,44% kế hoạch, không đạt." in text
    assert "## 3. Các chỉ tiêu nông nghiệp, nông thôn mới" in text  # the report's own groups
    assert text.rstrip().splitlines()[-1].startswith("Trong ") and "chỉ tiêu không đạt." in text
